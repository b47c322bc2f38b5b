/**
 * Turns the gallery's filters and sort into one SQL shape over `outputs o`.
 * Values are bound as parameters; a list becomes one parameter per value (an
 * IN list the planner can read the deleted_at-led indexes by, where a JSON
 * array it cannot see into made it scan), so the SQL text depends only on
 * which filters are set and how long each list is.
 */
import type { Database } from 'better-sqlite3';
import { StudioError, type GalleryFilters, type GallerySort } from '../../preload/contract';
import { requireId, requireIds } from './known-ids';
import { ftsQueryOf } from './search-text';
import { cachedStatement } from './statements';
import { kindsOfTools } from './tools';

export interface QueryPlan {
  /** `outputs o`, joined to the collection's members when sorting by its order. */
  readonly from: string;
  readonly where: string;
  readonly orderBy: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** The plan and its values as text: equal keys list the same items. */
  readonly key: string;
}

/** Every order ends on the id, so items with equal keys keep one order and windows never overlap. */
const orders: Readonly<Record<Exclude<GallerySort, 'position'>, string>> = {
  newest: 'o.created_at DESC, o.id DESC',
  oldest: 'o.created_at ASC, o.id ASC',
  rating: 'o.rating DESC, o.created_at DESC, o.id DESC',
};

export function planQuery(db: Database, filters: GalleryFilters = {}, requestedSort?: GallerySort): QueryPlan {
  const sort = requestedSort ?? (filters.collectionId !== undefined ? 'position' : 'newest');
  const where = [filters.trashed ? 'o.deleted_at IS NOT NULL' : 'o.deleted_at IS NULL'];
  const params: Record<string, string | number> = {};
  const anyOf = (name: string, column: string, values: readonly (string | number)[] | undefined) => {
    if (values === undefined) return;
    const unique = [...new Set(values)];
    where.push(`${column} IN (${unique.map((_, index) => `@${name}${index}`).join(', ')})`);
    unique.forEach((value, index) => (params[`${name}${index}`] = value));
  };

  const kinds = filters.tools ? kindsOfTools(filters.tools) : undefined;
  anyOf('toolKinds', 'o.kind', kinds);
  anyOf('kinds', 'o.kind', filters.kinds);
  if (filters.architectures) {
    const runIds = cachedStatement(db, 'SELECT id FROM runs WHERE architecture IN (SELECT value FROM json_each(?)) ORDER BY id').pluck().all(JSON.stringify(filters.architectures)) as number[];
    anyOf('architectureRunIds', 'o.run_id', runIds);
  }
  requireIds(db, 'runs', filters.runIds ?? [], 'filters.runIds');
  anyOf('runIds', 'o.run_id', filters.runIds);
  requireIds(db, 'checkpoints', filters.checkpointIds ?? [], 'filters.checkpointIds');
  anyOf('checkpointIds', 'o.checkpoint_id', filters.checkpointIds);
  requireIds(db, 'datasets', filters.datasetIds ?? [], 'filters.datasetIds');
  addDatasetFilter(db, filters.datasetIds, where, params);

  if (filters.from !== undefined && filters.to !== undefined && filters.to <= filters.from) {
    throw new StudioError('INVALID_ARGUMENT', 'filters.to: must be later than filters.from');
  }
  if (filters.from !== undefined) {
    where.push('o.created_at >= @from');
    params['from'] = filters.from;
  }
  if (filters.to !== undefined) {
    where.push('o.created_at < @to');
    params['to'] = filters.to;
  }
  if (filters.minRating !== undefined) {
    where.push('o.rating >= @minRating');
    params['minRating'] = filters.minRating;
  }
  if (filters.rating !== undefined) {
    where.push('o.rating = @rating');
    params['rating'] = filters.rating;
  }
  if (filters.favourite !== undefined) {
    where.push('o.favourite = @favourite');
    params['favourite'] = filters.favourite ? 1 : 0;
  }
  addTagFilter(db, filters, where, params);
  const search = filters.search === undefined ? null : ftsQueryOf(filters.search);
  if (search !== null) {
    where.push('o.id IN (SELECT rowid FROM output_text WHERE output_text MATCH @search)');
    params['search'] = search;
  }

  let from = 'outputs o';
  let orderBy: string;
  if (filters.collectionId !== undefined) {
    requireId(db, 'collections', filters.collectionId, 'filters.collectionId');
    params['collectionId'] = filters.collectionId;
  }
  if (sort === 'position') {
    if (filters.collectionId === undefined) throw new StudioError('INVALID_ARGUMENT', 'sort: position orders a collection; name one in filters.collectionId');
    // CROSS JOIN keeps the members outside: read in order from their index, each output looked up by id.
    from = 'collection_members cm CROSS JOIN outputs o ON o.id = cm.output_id';
    where.push('cm.collection_id = @collectionId');
    orderBy = 'cm.position ASC, cm.output_id ASC';
  } else {
    if (filters.collectionId !== undefined) where.push('o.id IN (SELECT output_id FROM collection_members WHERE collection_id = @collectionId)');
    orderBy = orders[sort];
  }
  const whereSql = where.join(' AND ');
  return { from, where: whereSql, orderBy, params, key: JSON.stringify([from, whereSql, orderBy, params]) };
}

/**
 * An output's dataset is the one it was made from (a translated dataset
 * image) or else the one its model was trained on: Explore's outputs record
 * only their run.
 */
function addDatasetFilter(db: Database, datasetIds: readonly number[] | undefined, where: string[], params: Record<string, string | number>): void {
  if (datasetIds === undefined) return;
  const unique = [...new Set(datasetIds)];
  const runIds = cachedStatement(db, 'SELECT id FROM runs WHERE dataset_id IN (SELECT value FROM json_each(?)) ORDER BY id').pluck().all(JSON.stringify(unique)) as number[];
  unique.forEach((datasetId, index) => (params[`datasetId${index}`] = datasetId));
  runIds.forEach((runId, index) => (params[`datasetRunId${index}`] = runId));
  const own = `o.dataset_id IN (${unique.map((_, index) => `@datasetId${index}`).join(', ')})`;
  where.push(runIds.length === 0 ? own : `(${own} OR (o.dataset_id IS NULL AND o.run_id IN (${runIds.map((_, index) => `@datasetRunId${index}`).join(', ')})))`);
}

/** Tags are named; each becomes its id, and a name no tag has is an error rather than an empty gallery. */
function addTagFilter(db: Database, filters: GalleryFilters, where: string[], params: Record<string, string | number>): void {
  if (!filters.tags || filters.tags.length === 0) return;
  const find = cachedStatement(db, 'SELECT id FROM tags WHERE name = ?').pluck();
  const tagIds = filters.tags.map((name) => {
    const tagId = find.get(name.trim()) as number | undefined;
    if (tagId === undefined) throw new StudioError('NOT_FOUND', `filters.tags: no tag "${name}" in this project`);
    return tagId;
  });
  if ((filters.tagMatch ?? 'all') === 'any') {
    const unique = [...new Set(tagIds)];
    where.push(`o.id IN (SELECT output_id FROM output_tags WHERE tag_id IN (${unique.map((_, index) => `@tag${index}`).join(', ')}))`);
    unique.forEach((tagId, index) => (params[`tag${index}`] = tagId));
    return;
  }
  [...new Set(tagIds)].forEach((tagId, index) => {
    where.push(`o.id IN (SELECT output_id FROM output_tags WHERE tag_id = @tag${index})`);
    params[`tag${index}`] = tagId;
  });
}
