import Database from 'better-sqlite3';
import { StudioError } from '../../preload/contract';
import { latestSchemaVersion, migrate } from './migrations';

/** 'LSTD' — marks a SQLite file as a Latent Studio library. */
export const libraryApplicationId = 0x4c535444;

/**
 * Opens a project's library.db for use: WAL (readers never block the writer,
 * and a killed process loses at most the transaction in flight), foreign keys
 * on, and the schema migrated to this version.
 */
export function openLibraryDatabase(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch (error) {
    throw new StudioError('NOT_A_PROJECT', `${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    checkApplicationId(db, file);
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // Before anything writes to the file: a library from a newer version is refused untouched.
    migrate(db, file);
    db.pragma('journal_mode = WAL');
    // NORMAL is durable against application crashes in WAL mode; only a power cut can lose the last commits.
    db.pragma('synchronous = NORMAL');
    // SQLite's advice for a long-lived connection: gather the statistics the gallery's query plans
    // need (cheaply: it analyses only tables that lack them, with a row limit).
    db.pragma('optimize = 0x10002');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens a project's library.db only to read it, as commands that change
 * nothing do beside a running app: no migration, no pragma that writes.
 * A library another version must first bring up to date is refused.
 */
export function openLibraryDatabaseForReading(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, readonly: true });
  } catch (error) {
    throw new StudioError('NOT_A_PROJECT', `${file} cannot be opened: ${(error as Error).message}`);
  }
  try {
    checkApplicationId(db, file);
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new StudioError('INCOMPATIBLE', `${file} was written by a newer Latent Studio (schema ${version}; this version knows up to ${latestSchemaVersion}). Update the app to open it.`);
    }
    if (version < latestSchemaVersion) {
      throw new StudioError('INCOMPATIBLE', `${file} must be brought up to date (schema ${version} to ${latestSchemaVersion}) before it can be read: open it once in the studio or with a command that writes`);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** A new, empty library with its schema: made under `file`, which must not exist yet. */
export function initialiseLibraryDatabase(file: string): void {
  const db = new Database(file);
  try {
    db.pragma(`application_id = ${libraryApplicationId}`);
    migrate(db, file);
  } finally {
    db.close();
  }
}

function checkApplicationId(db: Database.Database, file: string): void {
  let applicationId: unknown;
  try {
    applicationId = db.pragma('application_id', { simple: true });
  } catch (error) {
    throw new StudioError('NOT_A_PROJECT', `${file} is not a readable SQLite database: ${(error as Error).message}`);
  }
  if (applicationId !== libraryApplicationId) {
    throw new StudioError('NOT_A_PROJECT', `${file} is a SQLite database, but not a Latent Studio library`);
  }
}
