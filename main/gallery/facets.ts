/**
 * What the filter menus offer, each value with how many outputs (not in the
 * trash) carry it. Each count is a GROUP BY over one of the deleted_at-led
 * indexes; together they are remembered until the library changes.
 */
import type { Database } from 'better-sqlite3';
import type { GalleryFacets, ModelKind, OutputKind } from '../../preload/contract';
import { cachedStatement, VersionedCache } from './statements';
import { galleryTools, toolOfKind } from './tools';

const facetsCache = new VersionedCache<GalleryFacets>(1);

export function galleryFacets(db: Database): GalleryFacets {
  return facetsCache.get(db, 'facets', () => db.transaction(() => computeFacets(db))());
}

function computeFacets(db: Database): GalleryFacets {
  const all = <T>(sql: string) => cachedStatement(db, sql).all() as T[];
  const one = (sql: string) => cachedStatement(db, sql).pluck().get() as number;

  const kinds = all<{ kind: OutputKind; count: number }>('SELECT kind, count(*) AS count FROM outputs WHERE deleted_at IS NULL GROUP BY kind ORDER BY kind').map(
    (row) => ({ ...row, tool: toolOfKind[row.kind] }),
  );
  const tools = galleryTools
    .map((tool) => ({ tool, count: kinds.reduce((sum, kind) => sum + (kind.tool === tool ? kind.count : 0), 0) }))
    .filter((tool) => tool.count > 0);
  const runs = all<{ id: number; name: string; architecture: ModelKind; count: number }>(
    `SELECT r.id, r.name, r.architecture, c.count FROM (SELECT run_id, count(*) AS count FROM outputs WHERE deleted_at IS NULL AND run_id IS NOT NULL GROUP BY run_id) c
     JOIN runs r ON r.id = c.run_id ORDER BY r.created_at DESC, r.id DESC`,
  );
  const architectures = [...new Set(runs.map((run) => run.architecture))]
    .sort()
    .map((architecture) => ({ architecture, count: runs.reduce((sum, run) => sum + (run.architecture === architecture ? run.count : 0), 0) }));
  // Two ends of one index, where min() and max() together would scan it.
  const first = cachedStatement(db, 'SELECT created_at FROM outputs WHERE deleted_at IS NULL ORDER BY created_at ASC LIMIT 1').pluck().get() as number | undefined;
  const last = cachedStatement(db, 'SELECT created_at FROM outputs WHERE deleted_at IS NULL ORDER BY created_at DESC LIMIT 1').pluck().get() as number | undefined;
  return {
    total: kinds.reduce((sum, kind) => sum + kind.count, 0),
    trashed: one('SELECT count(*) FROM outputs WHERE deleted_at IS NOT NULL'),
    tools,
    kinds,
    architectures,
    runs,
    checkpoints: all(
      `SELECT k.id, k.run_id AS runId, r.name AS runName, k.step, c.count
       FROM (SELECT checkpoint_id, count(*) AS count FROM outputs WHERE deleted_at IS NULL AND checkpoint_id IS NOT NULL GROUP BY checkpoint_id) c
       JOIN checkpoints k ON k.id = c.checkpoint_id JOIN runs r ON r.id = k.run_id ORDER BY r.created_at DESC, r.id DESC, k.step`,
    ),
    datasets: datasetCounts(db),
    // Every use of a tag, less its uses in the trash: two index scans, where checking each use's output read a row per use.
    tags: all(
      `SELECT t.id, t.name, ifnull(used.count, 0) - ifnull(trashed.count, 0) AS count FROM tags t
       LEFT JOIN (SELECT tag_id, count(*) AS count FROM output_tags GROUP BY tag_id) used ON used.tag_id = t.id
       LEFT JOIN (SELECT ot.tag_id, count(*) AS count FROM outputs o CROSS JOIN output_tags ot ON ot.output_id = o.id WHERE o.deleted_at IS NOT NULL GROUP BY ot.tag_id) trashed
         ON trashed.tag_id = t.id
       ORDER BY t.name COLLATE NOCASE`,
    ),
    collections: all(
      `SELECT c.id, c.name, count(o.id) AS count FROM collections c
       LEFT JOIN collection_members cm ON cm.collection_id = c.id LEFT JOIN outputs o ON o.id = cm.output_id AND o.deleted_at IS NULL
       GROUP BY c.id ORDER BY c.name COLLATE NOCASE`,
    ),
    ratings: ratingCounts(all<{ rating: number; count: number }>('SELECT rating, count(*) AS count FROM outputs WHERE deleted_at IS NULL GROUP BY rating')),
    favourites: one('SELECT count(*) FROM outputs WHERE deleted_at IS NULL AND favourite = 1'),
    dateSpan: first === undefined || last === undefined ? null : { from: first, to: last },
  };
}

/**
 * Outputs that name their dataset, counted by it; those that name only their
 * run, counted by run and given to the run's dataset. Two grouped scans of
 * covering indexes, where grouping by both columns at once sorted every row.
 */
function datasetCounts(db: Database): { id: number; name: string; count: number }[] {
  const counts = new Map<number, number>();
  const add = (datasetId: number | null | undefined, count: number) => {
    if (datasetId !== null && datasetId !== undefined) counts.set(datasetId, (counts.get(datasetId) ?? 0) + count);
  };
  const own = cachedStatement(db, 'SELECT dataset_id, count(*) FROM outputs WHERE deleted_at IS NULL AND dataset_id IS NOT NULL GROUP BY dataset_id').raw().all() as [number, number][];
  for (const [datasetId, count] of own) add(datasetId, count);
  const runDatasets = new Map(cachedStatement(db, 'SELECT id, dataset_id FROM runs').raw().all() as [number, number | null][]);
  const byRun = cachedStatement(db, 'SELECT run_id, count(*) FROM outputs WHERE deleted_at IS NULL AND run_id IS NOT NULL AND dataset_id IS NULL GROUP BY run_id').raw().all() as [number, number][];
  for (const [runId, count] of byRun) add(runDatasets.get(runId), count);
  const names = cachedStatement(db, 'SELECT id, name FROM datasets ORDER BY name COLLATE NOCASE').all() as { id: number; name: string }[];
  return names.filter((dataset) => counts.has(dataset.id)).map((dataset) => ({ ...dataset, count: counts.get(dataset.id)! }));
}

/** All six, zeros included, so the menu's stars line up. */
function ratingCounts(rows: readonly { rating: number; count: number }[]): { rating: number; count: number }[] {
  return [0, 1, 2, 3, 4, 5].map((rating) => ({ rating, count: rows.find((row) => row.rating === rating)?.count ?? 0 }));
}
