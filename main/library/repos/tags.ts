/**
 * Tags: names (unique regardless of case) put on outputs. A tag exists while
 * some output carries it: tags are made on first use and forgotten with their
 * last output, so the menus never fill with names nothing has.
 */
import type { Database } from 'better-sqlite3';

export function tagsOf(db: Database, outputId: number): string[] {
  return db
    .prepare('SELECT t.name FROM output_tags ot JOIN tags t ON t.id = ot.tag_id WHERE ot.output_id = ? ORDER BY t.name COLLATE NOCASE')
    .pluck()
    .all(outputId) as string[];
}

export function findTagId(db: Database, name: string): number | undefined {
  return db.prepare('SELECT id FROM tags WHERE name = ?').pluck().get(name) as number | undefined;
}

/** The ids of these tags, made where missing; a name spelt differently from an existing tag is that tag. */
export function ensureTags(db: Database, names: readonly string[]): number[] {
  const insert = db.prepare('INSERT OR IGNORE INTO tags (name) VALUES (?)');
  return [...new Set(names.map((name) => findTagId(db, name) ?? Number(insert.run(name).lastInsertRowid)))];
}

/** Puts every tag on every output; returns the outputs that gained one. */
export function addTags(db: Database, outputIds: readonly number[], tagIds: readonly number[]): Set<number> {
  const rows = db
    .prepare('INSERT OR IGNORE INTO output_tags (tag_id, output_id) SELECT t.value, o.value FROM json_each(?) t CROSS JOIN json_each(?) o RETURNING output_id')
    .pluck()
    .all(JSON.stringify(tagIds), JSON.stringify(outputIds)) as number[];
  return new Set(rows);
}

/** Takes the tags off the outputs; returns the outputs that lost one. */
export function removeTags(db: Database, outputIds: readonly number[], tagIds: readonly number[]): Set<number> {
  const rows = db
    .prepare('DELETE FROM output_tags WHERE tag_id IN (SELECT value FROM json_each(?)) AND output_id IN (SELECT value FROM json_each(?)) RETURNING output_id')
    .pluck()
    .all(JSON.stringify(tagIds), JSON.stringify(outputIds)) as number[];
  return new Set(rows);
}

/** Forgets those of these tags no output carries any more (trashed outputs still carry theirs). */
export function forgetUnusedTags(db: Database, tagIds: readonly number[]): void {
  db.prepare('DELETE FROM tags WHERE id IN (SELECT value FROM json_each(?)) AND NOT EXISTS (SELECT 1 FROM output_tags WHERE tag_id = tags.id)').run(JSON.stringify(tagIds));
}

export function forgetAllUnusedTags(db: Database): void {
  db.prepare('DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM output_tags WHERE tag_id = tags.id)').run();
}

/** Renames a tag; to the name of another tag, it merges into that one. */
export function renameTag(db: Database, tagId: number, to: string): void {
  const existing = findTagId(db, to);
  if (existing === undefined || existing === tagId) {
    db.prepare('UPDATE tags SET name = ? WHERE id = ?').run(to, tagId);
    return;
  }
  db.prepare('INSERT OR IGNORE INTO output_tags (tag_id, output_id) SELECT ?, output_id FROM output_tags WHERE tag_id = ?').run(existing, tagId);
  db.prepare('DELETE FROM tags WHERE id = ?').run(tagId);
}

export function deleteTag(db: Database, tagId: number): void {
  db.prepare('DELETE FROM tags WHERE id = ?').run(tagId);
}
