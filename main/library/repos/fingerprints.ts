/**
 * Perceptual fingerprints of stored images, one per blob, made once for the
 * near-duplicate finder. A blob whose fingerprint is null is not a still
 * image (a ZIP of frames, a video) or could not be decoded.
 */
import type { Database } from 'better-sqlite3';

export interface StoredFingerprint {
  readonly phash: string;
  readonly signature: Uint8Array;
}

export interface ComparedOutput {
  readonly id: number;
  readonly blob_hash: string;
  readonly media_type: string;
  /** 1 once the blob has been looked at, whatever came of it. */
  readonly fingerprinted: 0 | 1;
  readonly phash: string | null;
  readonly signature: Uint8Array | null;
}

/** Outputs in the order they were made, with their image's fingerprint where there is one. */
export function outputsWithFingerprints(db: Database, includeTrashed: boolean): ComparedOutput[] {
  return db
    .prepare(
      `SELECT o.id, o.blob_hash, b.media_type, f.blob_hash IS NOT NULL AS fingerprinted, f.phash, f.signature
       FROM outputs o JOIN blobs b ON b.hash = o.blob_hash LEFT JOIN blob_fingerprints f ON f.blob_hash = o.blob_hash
       ${includeTrashed ? '' : 'WHERE o.deleted_at IS NULL'} ORDER BY o.id`,
    )
    .all() as ComparedOutput[];
}

export function saveFingerprints(db: Database, fingerprints: readonly { readonly hash: string; readonly fingerprint: StoredFingerprint | null }[]): void {
  const insert = db.prepare('INSERT OR REPLACE INTO blob_fingerprints (blob_hash, phash, signature) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const { hash, fingerprint } of fingerprints) insert.run(hash, fingerprint?.phash ?? null, fingerprint ? Buffer.from(fingerprint.signature) : null);
  })();
}
