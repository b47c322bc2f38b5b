import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { libraryApplicationId, openLibraryDatabase } from '../../../../main/library/database';
import { latestSchemaVersion, migrate } from '../../../../main/library/migrations';

const tables = (db: Database.Database) =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('library migrations', () => {
  it('bring an empty database to the latest schema in one go', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(tables(db)).toEqual(expect.arrayContaining([
      'blobs', 'datasets', 'dataset_items', 'imports', 'import_files', 'prepared_caches', 'runs', 'run_metrics',
      'checkpoints', 'outputs', 'tags', 'output_tags', 'collections', 'collection_members', 'exports',
    ]));
    // Running again is a no-op.
    migrate(db, ':memory:');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuse a database written by a newer version and leave it byte for byte as it was', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'studio-migrate-')), 'library.db');
    const future = new Database(file);
    future.pragma(`application_id = ${libraryApplicationId}`);
    future.pragma(`user_version = ${latestSchemaVersion + 1}`);
    future.close();
    const before = readFileSync(file);
    expect(() => openLibraryDatabase(file)).toThrow(expect.objectContaining({ code: 'INCOMPATIBLE', message: expect.stringContaining('newer Latent Studio') }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('enforce the constraints a logical change relies on', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:');
    expect(() => db.prepare("INSERT INTO datasets (name, kind, created_at, updated_at) VALUES ('x', 'movies', 0, 0)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO outputs (blob_hash, kind, provenance, created_at) VALUES (?, 'sample', '{}', 0)").run('f'.repeat(64))).toThrow(/FOREIGN KEY/);
  });
});
