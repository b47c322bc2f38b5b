/** Latents saved by name, for reuse in every Explore tool. */
import type { Database } from 'better-sqlite3';

export interface SavedLatentRow {
  readonly id: number;
  readonly name: string;
  readonly latent_size: number;
  readonly vector: Buffer;
  readonly class_label: number | null;
  readonly checkpoint_id: number | null;
  readonly output_id: number | null;
  readonly preview_hash: string | null;
  readonly created_at: number;
}

export interface NewSavedLatent {
  readonly name: string;
  readonly vector: Float32Array;
  readonly classLabel: number | null;
  readonly checkpointId: number;
  readonly outputId: number | null;
}

const select = `SELECT l.*, o.blob_hash AS preview_hash FROM saved_latents l LEFT JOIN outputs o ON o.id = l.output_id`;

export function insertSavedLatent(db: Database, latent: NewSavedLatent, now = Date.now()): number {
  const bytes = Buffer.from(latent.vector.buffer, latent.vector.byteOffset, latent.vector.byteLength);
  return Number(
    db
      .prepare('INSERT INTO saved_latents (name, latent_size, vector, class_label, checkpoint_id, output_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(latent.name, latent.vector.length, bytes, latent.classLabel, latent.checkpointId, latent.outputId, now).lastInsertRowid,
  );
}

export function findSavedLatent(db: Database, id: number): SavedLatentRow | undefined {
  return db.prepare(`${select} WHERE l.id = ?`).get(id) as SavedLatentRow | undefined;
}

export function findSavedLatentByName(db: Database, name: string): SavedLatentRow | undefined {
  return db.prepare(`${select} WHERE l.name = ?`).get(name) as SavedLatentRow | undefined;
}

export function listSavedLatents(db: Database): SavedLatentRow[] {
  return db.prepare(`${select} ORDER BY l.created_at DESC, l.id DESC`).all() as SavedLatentRow[];
}

export function renameSavedLatent(db: Database, id: number, name: string): boolean {
  return db.prepare('UPDATE saved_latents SET name = ? WHERE id = ?').run(name, id).changes > 0;
}

export function deleteSavedLatent(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM saved_latents WHERE id = ?').run(id).changes > 0;
}

/** The stored float32s; copied, since a Buffer from SQLite need not be 4-byte aligned. */
export function savedVector(row: SavedLatentRow): Float32Array {
  return new Float32Array(new Uint8Array(row.vector).buffer);
}
