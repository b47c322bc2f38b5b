/**
 * Outputs: every image the studio makes, with its provenance. Deleting moves
 * an output to the trash (deleted_at), from which it can be restored; nothing
 * is destroyed until the trash is emptied and garbage is collected.
 */
import type { Database } from 'better-sqlite3';

/** Rows of the output_kinds table. */
export type OutputKind = 'sample' | 'mix' | 'projection' | 'animation' | 'interpolation-frame' | 'translation' | 'style' | 'sketch' | 'upload' | 'preview';

export interface NewOutput {
  readonly blobHash: string;
  readonly kind: OutputKind;
  readonly runId?: number | null;
  readonly checkpointId?: number | null;
  readonly datasetId?: number | null;
  /** Everything needed to make it again: checkpoint, seed, latent, truncation, source, tool parameters. */
  readonly provenance: Record<string, unknown>;
  /** Outputs it was made from, with the part each played ('a', 'parent', 'target', 'keyframe', …). */
  readonly parents?: readonly { readonly outputId: number; readonly role: string }[];
}

export interface OutputRow {
  readonly id: number;
  readonly blob_hash: string;
  readonly kind: OutputKind;
  readonly run_id: number | null;
  readonly checkpoint_id: number | null;
  readonly rating: number;
  readonly favourite: 0 | 1;
  readonly created_at: number;
}

/** Call inside the transaction that stores the output's blob. */
export function insertOutput(db: Database, output: NewOutput, now = Date.now()): number {
  const id = Number(
    db
      .prepare('INSERT INTO outputs (blob_hash, kind, run_id, checkpoint_id, dataset_id, provenance, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(output.blobHash, output.kind, output.runId ?? null, output.checkpointId ?? null, output.datasetId ?? null, JSON.stringify(output.provenance), now)
      .lastInsertRowid,
  );
  const link = db.prepare('INSERT OR IGNORE INTO output_parents (output_id, parent_id, role) VALUES (?, ?, ?)');
  for (const parent of output.parents ?? []) link.run(id, parent.outputId, parent.role);
  return id;
}

export interface OutputRecord extends OutputRow {
  readonly provenance: string;
  readonly deleted_at: number | null;
}

export function findOutput(db: Database, id: number): OutputRecord | undefined {
  return db
    .prepare('SELECT id, blob_hash, kind, run_id, checkpoint_id, rating, favourite, created_at, provenance, deleted_at FROM outputs WHERE id = ?')
    .get(id) as OutputRecord | undefined;
}

/** A live output already holding this image as one of these kinds: an image is stored as a source once, however often it is used. */
export function findOutputOfBlob(db: Database, blobHash: string, kinds: readonly OutputKind[]): number | null {
  const placeholders = kinds.map(() => '?').join(', ');
  return (
    (db
      .prepare(`SELECT id FROM outputs WHERE blob_hash = ? AND kind IN (${placeholders}) AND deleted_at IS NULL ORDER BY id LIMIT 1`)
      .pluck()
      .get(blobHash, ...kinds) as number | undefined) ?? null
  );
}

/** The outputs an output was made from, and what each was to it. */
export function parentsOf(db: Database, id: number): { outputId: number; role: string }[] {
  return db.prepare('SELECT parent_id AS outputId, role FROM output_parents WHERE output_id = ? ORDER BY role, parent_id').all(id) as { outputId: number; role: string }[];
}

export function childrenOf(db: Database, id: number): number[] {
  return db.prepare('SELECT DISTINCT output_id FROM output_parents WHERE parent_id = ? ORDER BY output_id').pluck().all(id) as number[];
}

export function trashOutputs(db: Database, ids: readonly number[], now = Date.now()): number {
  const trash = db.prepare('UPDATE outputs SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL');
  return db.transaction(() => ids.reduce((count, id) => count + trash.run(now, id).changes, 0))();
}

export function restoreOutputs(db: Database, ids: readonly number[]): number {
  const restore = db.prepare('UPDATE outputs SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL');
  return db.transaction(() => ids.reduce((count, id) => count + restore.run(id).changes, 0))();
}

/** Where the previous page ended: newest first, ties broken by id. */
export interface OutputCursor {
  readonly createdAt: number;
  readonly id: number;
}

export interface OutputQuery {
  readonly limit: number;
  readonly after?: OutputCursor;
  readonly runId?: number;
  readonly minRating?: number;
  readonly favouritesOnly?: boolean;
  readonly tag?: string;
  readonly trashed?: boolean;
}

/**
 * A page of the gallery, newest first. Keyset paging (after the last row seen)
 * keeps page 1,000 as fast as page 1 on 100,000 outputs.
 */
export function queryOutputs(db: Database, query: OutputQuery): OutputRow[] {
  const where = [query.trashed ? 'o.deleted_at IS NOT NULL' : 'o.deleted_at IS NULL'];
  const params: Record<string, unknown> = { limit: query.limit };
  if (query.after) {
    where.push('(o.created_at, o.id) < (@afterCreatedAt, @afterId)');
    params['afterCreatedAt'] = query.after.createdAt;
    params['afterId'] = query.after.id;
  }
  if (query.runId !== undefined) {
    where.push('o.run_id = @runId');
    params['runId'] = query.runId;
  }
  if (query.minRating !== undefined) {
    where.push('o.rating >= @minRating');
    params['minRating'] = query.minRating;
  }
  if (query.favouritesOnly) where.push('o.favourite = 1');
  if (query.tag !== undefined) {
    where.push('o.id IN (SELECT ot.output_id FROM output_tags ot JOIN tags t ON t.id = ot.tag_id WHERE t.name = @tag)');
    params['tag'] = query.tag;
  }
  return db
    .prepare(
      `SELECT o.id, o.blob_hash, o.kind, o.run_id, o.checkpoint_id, o.rating, o.favourite, o.created_at FROM outputs o
       WHERE ${where.join(' AND ')} ORDER BY o.created_at DESC, o.id DESC LIMIT @limit`,
    )
    .all(params) as OutputRow[];
}
