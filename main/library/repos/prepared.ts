import type { Database } from 'better-sqlite3';
import type { CropMode, Domain } from '../../../preload/contract';

export interface PreparedOptions {
  readonly resolution: number;
  readonly crop: CropMode;
  readonly mirror: boolean;
  readonly channels: 1 | 3;
}

export interface PreparedRow {
  readonly id: number;
  readonly domain: Domain | null;
  readonly resolution: number;
  readonly options: string;
  readonly fingerprint: string;
  readonly revision: number;
  /** Relative to the project folder (see stored-paths.ts). */
  readonly path: string;
  readonly count: number;
  readonly size: number;
}

export function preparedRows(db: Database, datasetId: number): PreparedRow[] {
  return db.prepare('SELECT * FROM prepared_caches WHERE dataset_id = ? ORDER BY resolution, domain, id').all(datasetId) as PreparedRow[];
}

export function findPrepared(db: Database, datasetId: number, fingerprint: string): PreparedRow | undefined {
  return db.prepare('SELECT * FROM prepared_caches WHERE dataset_id = ? AND fingerprint = ?').get(datasetId, fingerprint) as PreparedRow | undefined;
}

/** Records a new cache and forgets the ones it replaces (same domain and options); returns their paths to delete. */
export function recordPrepared(
  db: Database,
  row: Omit<PreparedRow, 'id' | 'options'> & { readonly datasetId: number; readonly options: PreparedOptions },
  now = Date.now(),
): string[] {
  const options = JSON.stringify(row.options);
  return db.transaction(() => {
    const replaced = db
      .prepare('SELECT path FROM prepared_caches WHERE dataset_id = ? AND domain IS ? AND options = ? AND fingerprint != ?')
      .pluck()
      .all(row.datasetId, row.domain, options, row.fingerprint) as string[];
    db.prepare('DELETE FROM prepared_caches WHERE dataset_id = ? AND domain IS ? AND options = ? AND fingerprint != ?').run(row.datasetId, row.domain, options, row.fingerprint);
    db.prepare(
      `INSERT INTO prepared_caches (dataset_id, domain, resolution, options, fingerprint, revision, path, count, size, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (dataset_id, fingerprint) DO UPDATE SET revision = excluded.revision, path = excluded.path, created_at = excluded.created_at`,
    ).run(row.datasetId, row.domain, row.resolution, options, row.fingerprint, row.revision, row.path, row.count, row.size, now);
    return replaced;
  })();
}
