/** Gallery tiles: the few columns the grid draws, read for a window of ids. */
import type { Database } from 'better-sqlite3';
import type { GalleryItem, OutputKind } from '../../preload/contract';
import { blobUrl, thumbnailUrl } from '../library/repos/asset-urls';
import { cachedStatement } from './statements';
import { toolOfKind } from './tools';

export interface ItemRow {
  readonly id: number;
  readonly kind: OutputKind;
  readonly blob_hash: string;
  readonly media_type: string;
  readonly width: number;
  readonly height: number;
  readonly rating: number;
  readonly favourite: 0 | 1;
  readonly created_at: number;
  readonly run_id: number | null;
  readonly checkpoint_id: number | null;
  readonly deleted_at: number | null;
}

/** The columns of ItemRow, over `outputs o JOIN blobs b`. */
export const itemColumns =
  'o.id, o.kind, o.blob_hash, b.media_type, b.width, b.height, o.rating, o.favourite, o.created_at, o.run_id, o.checkpoint_id, o.deleted_at';

export function itemOf(row: ItemRow): GalleryItem {
  return {
    id: row.id,
    kind: row.kind,
    tool: toolOfKind[row.kind],
    thumbUrl: thumbnailUrl(row.blob_hash),
    url: blobUrl(row.blob_hash),
    mediaType: row.media_type,
    width: row.width,
    height: row.height,
    rating: row.rating,
    favourite: row.favourite === 1,
    createdAt: row.created_at,
    runId: row.run_id,
    checkpointId: row.checkpoint_id,
    trashedAt: row.deleted_at,
  };
}

/** The items of these outputs, in the order given; ids of no output are left out. */
export function itemsByIds(db: Database, ids: readonly number[]): GalleryItem[] {
  if (ids.length === 0) return [];
  const rows = cachedStatement(db, `SELECT ${itemColumns} FROM outputs o JOIN blobs b ON b.hash = o.blob_hash WHERE o.id IN (SELECT value FROM json_each(?))`).all(
    JSON.stringify(ids),
  ) as ItemRow[];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [itemOf(row)] : [];
  });
}
