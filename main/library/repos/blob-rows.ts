/** Blob rows as images stop being used: the rows go in the transaction that stopped the use, the files after it commits. */
import type { Database } from 'better-sqlite3';

/**
 * Deletes the rows of those blobs nothing refers to any more and returns them
 * with their sizes. Outputs and dataset items are checked by name; any other
 * table that references blobs does so by foreign key, which refuses the
 * delete, and the blob is kept.
 */
export function deleteUnusedBlobRows(db: Database, hashes: readonly string[]): { hash: string; size: number }[] {
  const remove = db.prepare(
    `DELETE FROM blobs WHERE hash = ? AND NOT EXISTS (SELECT 1 FROM outputs WHERE blob_hash = blobs.hash)
       AND NOT EXISTS (SELECT 1 FROM dataset_items WHERE blob_hash = blobs.hash) RETURNING hash, size`,
  );
  return hashes.flatMap((hash) => {
    try {
      return remove.all(hash) as { hash: string; size: number }[];
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return [];
      throw error;
    }
  });
}
