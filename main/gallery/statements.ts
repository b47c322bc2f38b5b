/**
 * Prepared statements the gallery builds from filters, kept per database by
 * their SQL: scrolling asks for the same few shapes of query over and over,
 * and preparing one costs more than running it on an index.
 *
 * And a cheap answer to "has anything changed since": results that take a
 * scan (a filtered list's length, the facets) are remembered under it.
 */
import type { Database, Statement } from 'better-sqlite3';

const maxStatements = 200;
const statements = new WeakMap<Database, Map<string, Statement>>();

export function cachedStatement(db: Database, sql: string): Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  const known = cache.get(sql);
  if (known) {
    // Most recently used last, so the oldest goes first when full.
    cache.delete(sql);
    cache.set(sql, known);
    return known;
  }
  const prepared = db.prepare(sql);
  cache.set(sql, prepared);
  if (cache.size > maxStatements) cache.delete(cache.keys().next().value!);
  return prepared;
}

/**
 * Changes when anything in the library changes: total_changes() counts every
 * row this connection (the main process's only one) has written, and
 * data_version moves when another connection (a CLI on the same project)
 * commits.
 */
export function libraryVersion(db: Database): string {
  const written = cachedStatement(db, 'SELECT total_changes()').pluck().get() as number;
  const committedElsewhere = cachedStatement(db, 'PRAGMA data_version').pluck().get() as number;
  return `${written}:${committedElsewhere}`;
}

/** Remembers values computed from a library until it changes; per database, as the counters restart with each one opened. */
export class VersionedCache<T> {
  readonly #byDatabase = new WeakMap<Database, Map<string, { version: string; value: T }>>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(db: Database, key: string, compute: () => T): T {
    let entries = this.#byDatabase.get(db);
    if (!entries) this.#byDatabase.set(db, (entries = new Map()));
    const version = libraryVersion(db);
    const known = entries.get(key);
    if (known && known.version === version) return known.value;
    const value = compute();
    entries.delete(key);
    entries.set(key, { version, value });
    if (entries.size > this.#capacity) entries.delete(entries.keys().next().value!);
    return value;
  }
}
