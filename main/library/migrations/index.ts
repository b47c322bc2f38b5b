/**
 * Numbered migrations, tracked with PRAGMA user_version. All pending ones run
 * in one transaction, so a crash mid-way leaves the old schema intact; a
 * database from a newer Latent Studio is refused rather than damaged.
 *
 * Foreign keys are off while they run, as SQLite's recipe for rebuilding a
 * table requires (dropping a referenced table would otherwise cascade), and
 * every reference is checked before the transaction commits.
 */
import type { Database } from 'better-sqlite3';
import { StudioError } from '../../../preload/contract';
import * as initial from './001-initial';
import * as explore from './002-explore';
import * as translate from './003-translate';
import * as gallery from './004-gallery';
import * as portablePaths from './005-portable-paths';
import * as checkpointDamage from './006-checkpoint-damage';
import * as legacyUpsampling from './007-legacy-upsampling';
import * as fastGanNearest from './008-fastgan-nearest';

interface Migration {
  readonly version: number;
  readonly up: (db: Database) => void;
}

/** In order; a migration's version is its position, and never changes once released. */
const migrations: readonly Migration[] = [
  { version: 1, up: initial.up },
  { version: 2, up: explore.up },
  { version: 3, up: translate.up },
  { version: 4, up: gallery.up },
  { version: 5, up: portablePaths.up },
  { version: 6, up: checkpointDamage.up },
  { version: 7, up: legacyUpsampling.up },
  { version: 8, up: fastGanNearest.up },
];

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
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  // A no-op inside a transaction, so it is set around it.
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) migration.up(db);
      const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (broken.length > 0) throw new Error(`migrating ${file} would break ${broken.length} references (first: ${broken[0]!.table} → ${broken[0]!.parent})`);
      db.pragma(`user_version = ${latestSchemaVersion}`);
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
}
