/**
 * Collections (boards): named sets of outputs in an order of their own.
 * Members carry fractional positions, so placing one between two others
 * writes only its own row; when repeated placing at one spot runs out of
 * floating-point room between two neighbours, the board is renumbered 1..n.
 */
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../preload/contract';

export interface CollectionRow {
  readonly id: number;
  readonly name: string;
  readonly created_at: number;
  /** Members not in the trash. */
  readonly count: number;
  /** The first such member's image. */
  readonly cover_hash: string | null;
}

const collectionColumns = `c.id, c.name, c.created_at,
  (SELECT count(*) FROM collection_members cm JOIN outputs o ON o.id = cm.output_id WHERE cm.collection_id = c.id AND o.deleted_at IS NULL) AS count,
  (SELECT o.blob_hash FROM collection_members cm JOIN outputs o ON o.id = cm.output_id WHERE cm.collection_id = c.id AND o.deleted_at IS NULL
   ORDER BY cm.position, cm.output_id LIMIT 1) AS cover_hash`;

export function listCollections(db: Database): CollectionRow[] {
  return db.prepare(`SELECT ${collectionColumns} FROM collections c ORDER BY c.name COLLATE NOCASE`).all() as CollectionRow[];
}

export function requireCollection(db: Database, id: number, field = 'collectionId'): CollectionRow {
  const row = db.prepare(`SELECT ${collectionColumns} FROM collections c WHERE c.id = ?`).get(id) as CollectionRow | undefined;
  if (!row) throw new StudioError('NOT_FOUND', `${field}: no collection ${id} in this project`);
  return row;
}

function refuseTakenName(db: Database, name: string, except: number | null): void {
  const taken = db.prepare('SELECT name FROM collections WHERE name = ? AND id IS NOT ?').pluck().get(name, except) as string | undefined;
  if (taken !== undefined) throw new StudioError('ALREADY_EXISTS', `name: there is already a collection called "${taken}"`);
}

export function createCollection(db: Database, name: string, now = Date.now()): number {
  refuseTakenName(db, name, null);
  return Number(db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
}

export function renameCollection(db: Database, id: number, name: string): void {
  requireCollection(db, id);
  refuseTakenName(db, name, id);
  db.prepare('UPDATE collections SET name = ? WHERE id = ?').run(name, id);
}

export function deleteCollection(db: Database, id: number): void {
  requireCollection(db, id);
  db.prepare('DELETE FROM collections WHERE id = ?').run(id);
}

function positionOf(db: Database, collectionId: number, outputId: number): number | undefined {
  return db.prepare('SELECT position FROM collection_members WHERE collection_id = ? AND output_id = ?').pluck().get(collectionId, outputId) as number | undefined;
}

export function requireMember(db: Database, collectionId: number, outputId: number, field: string): number {
  const position = positionOf(db, collectionId, outputId);
  if (position === undefined) throw new StudioError('NOT_FOUND', `${field}: output ${outputId} is not in collection ${collectionId}`);
  return position;
}

/**
 * Positions for `count` members in a row before the member at `before` (or
 * after the last one), leaving out the members in `moving`: strictly between
 * the neighbours, evenly spaced. Null when the gap is too narrow to split.
 */
function slotsBefore(db: Database, collectionId: number, before: number | null, moving: readonly number[], count: number): number[] | null {
  const others = 'collection_id = @collectionId AND output_id NOT IN (SELECT value FROM json_each(@moving))';
  const params = { collectionId, moving: JSON.stringify(moving) };
  if (before === null) {
    const last = (db.prepare(`SELECT max(position) FROM collection_members WHERE ${others}`).pluck().get(params) as number | null) ?? 0;
    return Array.from({ length: count }, (_, index) => last + index + 1);
  }
  const next = positionOf(db, collectionId, before)!;
  const previous = (db.prepare(`SELECT max(position) FROM collection_members WHERE ${others} AND position < @next`).pluck().get({ ...params, next }) as number | null) ?? next - count - 1;
  const step = (next - previous) / (count + 1);
  const slots = Array.from({ length: count }, (_, index) => previous + step * (index + 1));
  const distinct = slots.every((slot, index) => slot > (index === 0 ? previous : slots[index - 1]!) && slot < next);
  return distinct ? slots : null;
}

/** Numbers the members 1..n in their present order. */
function renumber(db: Database, collectionId: number): void {
  db.prepare(
    `UPDATE collection_members SET position = ranked.n FROM
       (SELECT output_id, row_number() OVER (ORDER BY position, output_id) AS n FROM collection_members WHERE collection_id = @collectionId) AS ranked
     WHERE collection_id = @collectionId AND collection_members.output_id = ranked.output_id`,
  ).run({ collectionId });
}

function slotsFor(db: Database, collectionId: number, before: number | null, moving: readonly number[], count: number): number[] {
  const slots = slotsBefore(db, collectionId, before, moving, count);
  if (slots) return slots;
  renumber(db, collectionId);
  return slotsBefore(db, collectionId, before, moving, count)!;
}

/** Adds the outputs not yet members, in the order given, before `before` (a member) or at the end; returns how many were added. */
export function addMembers(db: Database, collectionId: number, outputIds: readonly number[], before: number | null, now = Date.now()): number {
  const isMember = db.prepare('SELECT 1 FROM collection_members WHERE collection_id = ? AND output_id = ?').pluck();
  const added = [...new Set(outputIds)].filter((outputId) => isMember.get(collectionId, outputId) === undefined);
  const slots = slotsFor(db, collectionId, before, [], added.length);
  const insert = db.prepare('INSERT INTO collection_members (collection_id, output_id, position, added_at) VALUES (?, ?, ?, ?)');
  added.forEach((outputId, index) => insert.run(collectionId, outputId, slots[index], now));
  return added.length;
}

/** Moves members, in the order given, before `before` (another member) or to the end. */
export function moveMembers(db: Database, collectionId: number, outputIds: readonly number[], before: number | null): void {
  const moving = [...new Set(outputIds)];
  const slots = slotsFor(db, collectionId, before, moving, moving.length);
  const update = db.prepare('UPDATE collection_members SET position = ? WHERE collection_id = ? AND output_id = ?');
  moving.forEach((outputId, index) => update.run(slots[index], collectionId, outputId));
}

export function removeMembers(db: Database, collectionId: number, outputIds: readonly number[]): number {
  return db.prepare('DELETE FROM collection_members WHERE collection_id = ? AND output_id IN (SELECT value FROM json_each(?))').run(collectionId, JSON.stringify(outputIds)).changes;
}

