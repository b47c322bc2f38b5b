/**
 * Numbered migrations, tracked with PRAGMA user_version. All pending ones run
 * in one transaction, so a crash mid-way leaves the old schema intact; a
 * database from a newer Latent Studio is refused rather than damaged.
 */
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../preload/contract';
import * as initial from './001-initial';

interface Migration {
  readonly version: number;
  readonly up: (db: Database) => void;
}

/** In order; a migration's version is its position, and never changes once released. */
const migrations: readonly Migration[] = [{ version: 1, up: initial.up }];

export const latestSchemaVersion = migrations.length;

export function migrate(db: Database, file: string): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestSchemaVersion) {
    throw new StudioError(
      'INCOMPATIBLE',
      `${file} was written by a newer Latent Studio (schema ${current}; this version knows up to ${latestSchemaVersion}). Update the app to open it.`,
    );
  }
  const pending = migrations.filter((migration) => migration.version > current);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const migration of pending) migration.up(db);
    db.pragma(`user_version = ${latestSchemaVersion}`);
  }).immediate();
}
