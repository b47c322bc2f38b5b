/**
 * Outputs: every image the studio makes, with its provenance. Deleting moves
 * an output to the trash (deleted_at), from which it can be restored; nothing
 * is destroyed until the trash is emptied.
 */
import type { Database } from 'better-sqlite3';
import type { OutputKind } from '../../../preload/contract';

/** Rows of the output_kinds table. */
export type { OutputKind };

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

/** The outputs named as a JSON array: curation changes many at once in one statement. */
const named = 'id IN (SELECT value FROM json_each(@ids))';

export function trashOutputs(db: Database, ids: readonly number[], now = Date.now()): number {
  return db.prepare(`UPDATE outputs SET deleted_at = @now WHERE ${named} AND deleted_at IS NULL`).run({ ids: JSON.stringify(ids), now }).changes;
}

export function restoreOutputs(db: Database, ids: readonly number[]): number {
  return db.prepare(`UPDATE outputs SET deleted_at = NULL WHERE ${named} AND deleted_at IS NOT NULL`).run({ ids: JSON.stringify(ids) }).changes;
}

/** Returns how many outputs had another rating. */
export function rateOutputs(db: Database, ids: readonly number[], rating: number): number {
  return db.prepare(`UPDATE outputs SET rating = @rating WHERE ${named} AND rating <> @rating`).run({ ids: JSON.stringify(ids), rating }).changes;
}

export function markFavourites(db: Database, ids: readonly number[], favourite: boolean): number {
  return db.prepare(`UPDATE outputs SET favourite = @favourite WHERE ${named} AND favourite <> @favourite`).run({ ids: JSON.stringify(ids), favourite: favourite ? 1 : 0 }).changes;
}

export function setNotes(db: Database, id: number, notes: string): number {
  return db.prepare('UPDATE outputs SET notes = ? WHERE id = ? AND notes <> ?').run(notes, id, notes).changes;
}

/**
 * Deletes trashed outputs for good (all of them, or those named that are in
 * the trash) with their tags, memberships and lineage links; returns how
 * many, and the images they showed, which may now be unused.
 */
export function deleteTrashedOutputs(db: Database, ids: readonly number[] | null): { removedOutputs: number; blobHashes: string[] } {
  const which = ids === null ? 'deleted_at IS NOT NULL' : `deleted_at IS NOT NULL AND ${named}`;
  const remove = db.prepare(`DELETE FROM outputs WHERE ${which} RETURNING blob_hash`).pluck();
  const hashes = (ids === null ? remove.all() : remove.all({ ids: JSON.stringify(ids) })) as string[];
  return { removedOutputs: hashes.length, blobHashes: [...new Set(hashes)] };
}
