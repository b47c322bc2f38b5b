/** One output for the large viewer: the tile's fields and everything around it. */
import type { Database } from 'better-sqlite3';
import { StudioError, type GalleryDetail, type GalleryRelative, type ModelKind } from '../../preload/contract';
import { thumbnailUrl } from '../library/repos/asset-urls';
import { relativesOf, type RelativeRow } from '../library/repos/lineage';
import { tagsOf } from '../library/repos/tags';
import { itemColumns, itemOf, type ItemRow } from './items';
import { reuseOf } from './reuse';

interface DetailRow extends ItemRow {
  readonly provenance: string;
  readonly notes: string;
  readonly dataset_id: number | null;
  readonly run_name: string | null;
  readonly architecture: ModelKind | null;
  readonly step: number | null;
  readonly dataset_name: string | null;
}

export function galleryDetail(db: Database, outputId: number): GalleryDetail {
  const row = db
    .prepare(
      `SELECT ${itemColumns}, o.provenance, o.notes, coalesce(o.dataset_id, r.dataset_id) AS dataset_id, r.name AS run_name, r.architecture, k.step, d.name AS dataset_name
       FROM outputs o JOIN blobs b ON b.hash = o.blob_hash
       LEFT JOIN runs r ON r.id = o.run_id LEFT JOIN checkpoints k ON k.id = o.checkpoint_id LEFT JOIN datasets d ON d.id = coalesce(o.dataset_id, r.dataset_id)
       WHERE o.id = ?`,
    )
    .get(outputId) as DetailRow | undefined;
  if (!row) throw new StudioError('NOT_FOUND', `outputId: no output ${outputId} in this project`);
  const provenance = JSON.parse(row.provenance) as Record<string, unknown>;
  return {
    ...itemOf(row),
    provenance,
    notes: row.notes,
    tags: tagsOf(db, outputId),
    collections: db
      .prepare('SELECT c.id, c.name FROM collection_members cm JOIN collections c ON c.id = cm.collection_id WHERE cm.output_id = ? ORDER BY c.name COLLATE NOCASE')
      .all(outputId) as { id: number; name: string }[],
    parents: relativesOf(db, outputId, 'parents').map(relativeOf),
    children: relativesOf(db, outputId, 'children').map(relativeOf),
    run: row.run_id !== null && row.run_name !== null ? { id: row.run_id, name: row.run_name, architecture: row.architecture! } : null,
    checkpoint: row.checkpoint_id !== null && row.step !== null ? { id: row.checkpoint_id, step: row.step } : null,
    dataset: row.dataset_id !== null && row.dataset_name !== null ? { id: row.dataset_id, name: row.dataset_name } : null,
    reuse: reuseOf({ id: row.id, kind: row.kind, runId: row.run_id, checkpointId: row.checkpoint_id, provenance }),
  };
}

function relativeOf(row: RelativeRow): GalleryRelative {
  return { id: row.id, kind: row.kind, role: row.role, thumbUrl: thumbnailUrl(row.blob_hash), trashed: row.deleted_at !== null };
}
