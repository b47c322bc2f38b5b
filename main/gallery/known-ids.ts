/** Requests name outputs, runs, collections by id; one that names nothing is told which and where, not silently ignored. */
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../preload/contract';
import { cachedStatement } from './statements';

type IdTable = 'outputs' | 'runs' | 'checkpoints' | 'datasets' | 'collections';

/** What a missing row of each table is called in an error. */
const nouns: Readonly<Record<IdTable, [string, string]>> = {
  outputs: ['output', 'outputs'],
  runs: ['run', 'runs'],
  checkpoints: ['checkpoint', 'checkpoints'],
  datasets: ['dataset', 'datasets'],
  collections: ['collection', 'collections'],
};

/** Throws NOT_FOUND naming `field` and the first few ids that are not in `table`. */
export function requireIds(db: Database, table: IdTable, ids: readonly number[], field: string): void {
  if (ids.length === 0) return;
  const missing = cachedStatement(db, `SELECT value FROM json_each(?) WHERE value NOT IN (SELECT id FROM ${table}) LIMIT 6`)
    .pluck()
    .all(JSON.stringify(ids)) as number[];
  if (missing.length === 0) return;
  const [one, many] = nouns[table];
  const listed = missing.length > 5 ? `${missing.slice(0, 5).join(', ')} and more` : missing.join(', ');
  throw new StudioError('NOT_FOUND', `${field}: no ${missing.length === 1 ? one : many} ${listed} in this project`);
}

export function requireId(db: Database, table: IdTable, id: number, field: string): void {
  requireIds(db, table, [id], field);
}
