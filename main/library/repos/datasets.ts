/** Datasets: plain functions of (db, …) over prepared statements, so tests run on :memory:. */
import type { Database } from 'better-sqlite3';
import { StudioError, type DatasetKind, type DatasetSummary } from '../../../preload/contract';
import { thumbnailUrl } from './asset-urls';

export interface DatasetRow {
  readonly id: number;
  readonly name: string;
  readonly kind: DatasetKind;
  readonly notes: string;
  readonly revision: number;
  readonly created_at: number;
  readonly updated_at: number;
}

interface SummaryRow extends DatasetRow {
  readonly item_count: number;
  readonly cover_hash: string | null;
}

const summarySelect = `
  SELECT d.*, (SELECT count(*) FROM dataset_items i WHERE i.dataset_id = d.id) AS item_count,
         (SELECT blob_hash FROM dataset_items i WHERE i.dataset_id = d.id ORDER BY i.id LIMIT 1) AS cover_hash
  FROM datasets d`;

export function createDataset(db: Database, name: string, kind: DatasetKind, notes = '', now = Date.now()): DatasetRow {
  if (findDataset(db, name)) throw new StudioError('ALREADY_EXISTS', `A dataset named "${name}" already exists`);
  const id = Number(
    db.prepare('INSERT INTO datasets (name, kind, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(name, kind, notes, now, now).lastInsertRowid,
  );
  return requireDatasetById(db, id);
}

export function findDataset(db: Database, name: string): DatasetRow | undefined {
  return db.prepare('SELECT * FROM datasets WHERE name = ?').get(name) as DatasetRow | undefined;
}

export function requireDataset(db: Database, name: string): DatasetRow {
  const row = findDataset(db, name);
  if (!row) throw new StudioError('NOT_FOUND', `No dataset named "${name}" in this project`);
  return row;
}

function requireDatasetById(db: Database, id: number): DatasetRow {
  return db.prepare('SELECT * FROM datasets WHERE id = ?').get(id) as DatasetRow;
}

export function listDatasets(db: Database): DatasetSummary[] {
  return (db.prepare(`${summarySelect} ORDER BY d.name`).all() as SummaryRow[]).map(toSummary);
}

export function datasetSummary(db: Database, id: number): DatasetSummary {
  return toSummary(db.prepare(`${summarySelect} WHERE d.id = ?`).get(id) as SummaryRow);
}

/** Items go with it (cascade); their blobs stay until garbage is collected, since outputs may share them. */
export function deleteDataset(db: Database, id: number): void {
  db.prepare('DELETE FROM datasets WHERE id = ?').run(id);
}

/** Marks the items as changed: call in the same transaction as the change. */
export function touchDataset(db: Database, id: number, now = Date.now()): void {
  db.prepare('UPDATE datasets SET revision = revision + 1, updated_at = ? WHERE id = ?').run(now, id);
}

export function classCounts(db: Database, id: number): { label: string | null; count: number }[] {
  return db
    .prepare('SELECT class_label AS label, count(*) AS count FROM dataset_items WHERE dataset_id = ? GROUP BY class_label ORDER BY count DESC, label IS NULL, label')
    .all(id) as { label: string | null; count: number }[];
}

export function domainCounts(db: Database, id: number): { A: number; B: number } {
  const rows = db.prepare("SELECT domain, count(*) AS count FROM dataset_items WHERE dataset_id = ? AND domain IS NOT NULL GROUP BY domain").all(id) as {
    domain: 'A' | 'B';
    count: number;
  }[];
  return { A: rows.find((r) => r.domain === 'A')?.count ?? 0, B: rows.find((r) => r.domain === 'B')?.count ?? 0 };
}

export function pairCount(db: Database, id: number): number {
  return db
    .prepare(
      `SELECT count(*) FROM (SELECT pair_key FROM dataset_items WHERE dataset_id = ? AND pair_key IS NOT NULL
       GROUP BY pair_key HAVING count(DISTINCT domain) = 2)`,
    )
    .pluck()
    .get(id) as number;
}

export function nearDuplicateCount(db: Database, id: number): number {
  return db.prepare('SELECT count(*) FROM dataset_items WHERE dataset_id = ? AND near_duplicate_of IS NOT NULL').pluck().get(id) as number;
}

function toSummary(row: SummaryRow): DatasetSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    notes: row.notes,
    revision: row.revision,
    itemCount: row.item_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    coverUrl: row.cover_hash ? thumbnailUrl(row.cover_hash) : null,
  };
}
