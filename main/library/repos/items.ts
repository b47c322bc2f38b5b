import type { Database } from 'better-sqlite3';
import type { DatasetItem, Domain, ItemsPage } from '../../../preload/contract';
import { blobUrl, thumbnailUrl } from './asset-urls';

export interface NewItem {
  readonly datasetId: number;
  readonly blobHash: string;
  readonly originalName: string;
  readonly width: number;
  readonly height: number;
  readonly classLabel: string | null;
  readonly domain: Domain | null;
  readonly pairKey: string | null;
  readonly phash: string;
  readonly signature: Uint8Array;
  readonly nearDuplicateOf: number | null;
}

interface ItemRow {
  readonly id: number;
  readonly blob_hash: string;
  readonly original_name: string;
  readonly width: number;
  readonly height: number;
  readonly class_label: string | null;
  readonly domain: Domain | null;
  readonly pair_key: string | null;
  readonly near_duplicate_of: number | null;
  readonly created_at: number;
}

/** The new item's id, or null when the dataset already holds the same image (an exact duplicate). */
export function insertItem(db: Database, item: NewItem, now = Date.now()): number | null {
  const result = db
    .prepare(
      `INSERT INTO dataset_items (dataset_id, blob_hash, original_name, width, height, class_label, domain, pair_key, phash, signature, near_duplicate_of, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    )
    .run(item.datasetId, item.blobHash, item.originalName, item.width, item.height, item.classLabel, item.domain, item.pairKey, item.phash, item.signature, item.nearDuplicateOf, now);
  return result.changes === 0 ? null : Number(result.lastInsertRowid);
}

/** Every item's fingerprint, for flagging near duplicates during an import. */
export function fingerprints(db: Database, datasetId: number, domain: Domain | null): { id: number; phash: string; signature: Uint8Array }[] {
  return db
    .prepare('SELECT id, phash, signature FROM dataset_items WHERE dataset_id = ? AND domain IS ? ORDER BY id')
    .all(datasetId, domain) as { id: number; phash: string; signature: Uint8Array }[];
}

export interface ItemFilter {
  readonly classLabel?: string | null;
  readonly domain?: Domain;
}

/** One page in import order; paging by offset is fine at dataset sizes (tens of thousands) with the (dataset_id, id) index. */
export function itemsPage(db: Database, datasetId: number, offset: number, limit: number, filter: ItemFilter = {}): ItemsPage {
  const where = ['dataset_id = @datasetId'];
  if (filter.classLabel !== undefined) where.push('class_label IS @classLabel');
  if (filter.domain !== undefined) where.push('domain = @domain');
  const params = { datasetId, classLabel: filter.classLabel ?? null, domain: filter.domain ?? null, offset, limit };
  const clause = where.join(' AND ');
  const total = db.prepare(`SELECT count(*) FROM dataset_items WHERE ${clause}`).pluck().get(params) as number;
  const rows = db.prepare(`SELECT * FROM dataset_items WHERE ${clause} ORDER BY id LIMIT @limit OFFSET @offset`).all(params) as ItemRow[];
  return { items: rows.map(toItem), total, offset };
}

/** The A and B items of one pair, for the pair checker. */
export function pairItems(db: Database, datasetId: number, pairKey: string): { A?: DatasetItem; B?: DatasetItem } {
  const rows = db.prepare('SELECT * FROM dataset_items WHERE dataset_id = ? AND pair_key = ?').all(datasetId, pairKey) as ItemRow[];
  return Object.fromEntries(rows.map((row) => [row.domain, toItem(row)]));
}

/** Items in order with the facts preparation needs. */
export function itemsForTraining(db: Database, datasetId: number): { blobHash: string; classLabel: string | null; domain: Domain | null; pairKey: string | null }[] {
  return (db.prepare('SELECT blob_hash, class_label, domain, pair_key FROM dataset_items WHERE dataset_id = ? ORDER BY id').all(datasetId) as ItemRow[]).map(
    (row) => ({ blobHash: row.blob_hash, classLabel: row.class_label, domain: row.domain, pairKey: row.pair_key }),
  );
}

function toItem(row: ItemRow): DatasetItem {
  return {
    id: row.id,
    blobHash: row.blob_hash,
    originalName: row.original_name,
    width: row.width,
    height: row.height,
    classLabel: row.class_label,
    domain: row.domain,
    pairKey: row.pair_key,
    nearDuplicateOf: row.near_duplicate_of,
    createdAt: row.created_at,
    thumbnailUrl: thumbnailUrl(row.blob_hash),
    imageUrl: blobUrl(row.blob_hash),
  };
}
