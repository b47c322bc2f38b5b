/**
 * An output's family: its ancestors and descendants up to `depth` generations
 * each way, walked one generation at a time (one query per generation and
 * direction), and cut at a thousand nodes so a keyframe with a big brood
 * cannot flood the view.
 */
import type { Database } from 'better-sqlite3';
import type { Lineage, LineageEdge, LineageNode, OutputKind } from '../../preload/contract';
import { thumbnailUrl } from '../library/repos/asset-urls';
import { linksOf } from '../library/repos/lineage';
import { requireId } from './known-ids';

const defaultDepth = 3;
const maxNodes = 1000;

export function lineageOf(db: Database, outputId: number, depth = defaultDepth): Lineage {
  requireId(db, 'outputs', outputId, 'outputId');
  const generations = new Map<number, number>([[outputId, 0]]);
  const edges = new Map<string, LineageEdge>();
  let truncated = false;
  for (const direction of ['parents', 'children'] as const) {
    let frontier = [outputId];
    for (let generation = 1; generation <= depth && frontier.length > 0 && !truncated; generation++) {
      const next: number[] = [];
      for (const link of linksOf(db, frontier, direction)) {
        const reached = direction === 'parents' ? link.parentId : link.childId;
        if (!generations.has(reached)) {
          if (generations.size >= maxNodes) {
            truncated = true;
            break;
          }
          generations.set(reached, direction === 'parents' ? -generation : generation);
          next.push(reached);
        }
        edges.set(`${link.parentId}:${link.childId}:${link.role}`, link);
      }
      frontier = next;
    }
  }
  return { outputId, nodes: nodesOf(db, generations), edges: [...edges.values()], truncated };
}

function nodesOf(db: Database, generations: ReadonlyMap<number, number>): LineageNode[] {
  const rows = db
    .prepare('SELECT id, kind, blob_hash, created_at, deleted_at FROM outputs WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify([...generations.keys()])) as { id: number; kind: OutputKind; blob_hash: string; created_at: number; deleted_at: number | null }[];
  return rows
    .map((row) => ({ id: row.id, kind: row.kind, thumbUrl: thumbnailUrl(row.blob_hash), createdAt: row.created_at, trashed: row.deleted_at !== null, generation: generations.get(row.id)! }))
    .sort((a, b) => a.generation - b.generation || a.id - b.id);
}
