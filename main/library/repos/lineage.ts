/**
 * Lineage: which outputs an output was made from (output_parents), read in
 * batches of ids, one generation at a time, either way.
 */
import type { Database } from 'better-sqlite3';
import type { OutputKind } from './outputs';

export interface LineageLink {
  readonly parentId: number;
  readonly childId: number;
  readonly role: string;
}

/** The links into (parents of) or out of (children of) any of these outputs. */
export function linksOf(db: Database, ids: readonly number[], direction: 'parents' | 'children'): LineageLink[] {
  if (ids.length === 0) return [];
  const column = direction === 'parents' ? 'output_id' : 'parent_id';
  return db
    .prepare(`SELECT parent_id AS parentId, output_id AS childId, role FROM output_parents WHERE ${column} IN (SELECT value FROM json_each(?)) ORDER BY output_id, role, parent_id`)
    .all(JSON.stringify(ids)) as LineageLink[];
}

export interface RelativeRow {
  readonly id: number;
  readonly kind: OutputKind;
  readonly role: string;
  readonly blob_hash: string;
  readonly deleted_at: number | null;
}

/** One output's parents or children, with what they need to be shown. */
export function relativesOf(db: Database, id: number, direction: 'parents' | 'children'): RelativeRow[] {
  const [near, far] = direction === 'parents' ? ['output_id', 'parent_id'] : ['parent_id', 'output_id'];
  return db
    .prepare(
      `SELECT o.id, o.kind, p.role, o.blob_hash, o.deleted_at FROM output_parents p JOIN outputs o ON o.id = p.${far}
       WHERE p.${near} = ? ORDER BY p.role, o.id`,
    )
    .all(id) as RelativeRow[];
}
