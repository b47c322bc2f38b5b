/**
 * What an export takes: outputs by id in the order given, or a collection's
 * members in its order, each with what templates, captions and the embedded
 * provenance need. Read with one query however many outputs are named
 * (json_each, rather than a bound parameter per id).
 */
import type { Database } from 'better-sqlite3';
import { StudioError, type ExportSelection } from '../../preload/contract';

export interface ExportItem {
  readonly outputId: number;
  readonly blobHash: string;
  readonly kind: string;
  readonly provenance: Record<string, unknown>;
  readonly createdAt: number;
  readonly rating: number;
  readonly runName: string | null;
  readonly checkpointId: number | null;
  readonly step: number | null;
  readonly width: number;
  readonly height: number;
}

export interface SelectedOutputs {
  readonly items: readonly ExportItem[];
  /** The collection's name when a collection was chosen. */
  readonly collection: string | null;
}

interface ItemRow {
  readonly id: number;
  readonly blob_hash: string;
  readonly kind: string;
  readonly provenance: string;
  readonly created_at: number;
  readonly rating: number;
  readonly deleted_at: number | null;
  readonly run_name: string | null;
  readonly checkpoint_id: number | null;
  readonly step: number | null;
  readonly width: number | null;
  readonly height: number | null;
}

const itemColumns = 'o.id, o.blob_hash, o.kind, o.provenance, o.created_at, o.rating, o.deleted_at, r.name AS run_name, o.checkpoint_id, c.step, b.width, b.height';
const itemDetails = 'LEFT JOIN runs r ON r.id = o.run_id LEFT JOIN checkpoints c ON c.id = o.checkpoint_id LEFT JOIN blobs b ON b.hash = o.blob_hash';

export function selectOutputs(db: Database, selection: ExportSelection): SelectedOutputs {
  if ('collectionId' in selection) return selectCollection(db, selection.collectionId);
  const ids = [...new Set(selection.outputIds)];
  // The id list drives the loop: each id is one primary-key lookup.
  const rows = db.prepare(`SELECT ${itemColumns} FROM json_each(?) j CROSS JOIN outputs o ON o.id = j.value ${itemDetails} ORDER BY j.key`).all(JSON.stringify(ids)) as ItemRow[];
  const found = new Set(rows.map((row) => row.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length > 0) throw new StudioError('NOT_FOUND', `selection.outputIds: no output ${listed(missing)} in this project`);
  const trashed = rows.filter((row) => row.deleted_at !== null).map((row) => row.id);
  if (trashed.length > 0) throw new StudioError('INVALID_ARGUMENT', `selection.outputIds: output ${listed(trashed)} ${trashed.length === 1 ? 'is' : 'are'} in the trash; restore ${trashed.length === 1 ? 'it' : 'them'} to export`);
  return { items: rows.map(itemOf), collection: null };
}

function selectCollection(db: Database, collectionId: number): SelectedOutputs {
  const name = db.prepare('SELECT name FROM collections WHERE id = ?').pluck().get(collectionId) as string | undefined;
  if (name === undefined) throw new StudioError('NOT_FOUND', `selection.collectionId: no collection ${collectionId} in this project`);
  // Trashed members stay in the collection (restoring brings them back) but are not exported.
  const rows = db
    .prepare(`SELECT ${itemColumns} FROM collection_members m CROSS JOIN outputs o ON o.id = m.output_id ${itemDetails} WHERE m.collection_id = ? AND o.deleted_at IS NULL ORDER BY m.position, m.added_at, o.id`)
    .all(collectionId) as ItemRow[];
  if (rows.length === 0) throw new StudioError('INVALID_ARGUMENT', `selection.collectionId: collection "${name}" has no images to export`);
  return { items: rows.map(itemOf), collection: name };
}

function itemOf(row: ItemRow): ExportItem {
  if (row.kind === 'animation') throw new StudioError('INVALID_ARGUMENT', `output ${row.id} is an animation; export still images here (animations are saved from Explore)`);
  return {
    outputId: row.id,
    blobHash: row.blob_hash,
    kind: row.kind,
    provenance: JSON.parse(row.provenance) as Record<string, unknown>,
    createdAt: row.created_at,
    rating: row.rating,
    runName: row.run_name,
    checkpointId: row.checkpoint_id,
    step: row.step,
    width: row.width ?? 0,
    height: row.height ?? 0,
  };
}

/** "3", "3 and 7", "3, 7, 9 and 12 more". */
function listed(ids: readonly number[]): string {
  if (ids.length === 1) return String(ids[0]);
  if (ids.length <= 4) return `${ids.slice(0, -1).join(', ')} and ${ids.at(-1)}`;
  return `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}

/** A collection's id by its name (any case), for the command line. */
export function collectionIdByName(db: Database, name: string): number | null {
  return (db.prepare('SELECT id FROM collections WHERE name = ? COLLATE NOCASE').pluck().get(name) as number | undefined) ?? null;
}
