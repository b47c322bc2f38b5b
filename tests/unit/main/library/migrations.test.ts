import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { libraryApplicationId, openLibraryDatabase } from '../../../../main/library/database';
import { latestSchemaVersion, migrate } from '../../../../main/library/migrations';
import * as initial from '../../../../main/library/migrations/001-initial';
import * as legacyUpsampling from '../../../../main/library/migrations/007-legacy-upsampling';
import * as fastGanNearest from '../../../../main/library/migrations/008-fastgan-nearest';

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

  it('carry a schema-1 library with outputs, tags and boards into the latest schema with every row and reference intact', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    initial.up(db);
    db.pragma('user_version = 1');
    const hash = 'a'.repeat(64);
    db.prepare("INSERT INTO blobs VALUES (?, 10, 'image/png', 8, 8, 0)").run(hash);
    for (let index = 1; index <= 3; index++) {
      db.prepare("INSERT INTO outputs (blob_hash, kind, provenance, rating, created_at) VALUES (?, 'sample', ?, ?, ?)").run(hash, JSON.stringify({ seed: index }), index, index);
    }
    db.exec("INSERT INTO tags (name) VALUES ('keep'); INSERT INTO output_tags VALUES (1, 2);");
    db.exec("INSERT INTO collections (name, created_at) VALUES ('board', 0); INSERT INTO collection_members VALUES (1, 3, 1.0, 0);");

    migrate(db, ':memory:');

    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, rating, provenance FROM outputs ORDER BY id').all()).toEqual([
      { id: 1, rating: 1, provenance: '{"seed":1}' },
      { id: 2, rating: 2, provenance: '{"seed":2}' },
      { id: 3, rating: 3, provenance: '{"seed":3}' },
    ]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The references still lead to outputs: deleting one cascades to its tag and board membership.
    db.prepare('DELETE FROM outputs WHERE id IN (2, 3)').run();
    expect(db.prepare('SELECT count(*) FROM output_tags').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM collection_members').pluck().get()).toBe(0);
    // Kinds are checked against their table now.
    expect(() => db.prepare("INSERT INTO outputs (blob_hash, kind, provenance, created_at) VALUES (?, 'movie', '{}', 0)").run(hash)).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO outputs (blob_hash, kind, provenance, created_at) VALUES (?, 'animation', '{}', 0)").run(hash);
    // Schema 3: styled photos and drawings are kinds of their own.
    for (const kind of ['style', 'sketch']) db.prepare("INSERT INTO outputs (blob_hash, kind, provenance, created_at) VALUES (?, ?, '{}', 0)").run(hash, kind);
  });

  it('mark the runs planned before resize upsampling as the transposed, zero-padded networks they trained', () => {
    const db = new Database(':memory:');
    initial.up(db);
    const insert = db.prepare("INSERT INTO runs (name, architecture, config, status, created_at) VALUES (?, ?, ?, 'completed', 0)");
    const plan = (model: Record<string, unknown>) => JSON.stringify({ seed: 1, totalSteps: 10, model });
    insert.run('old dcgan', 'dcgan', plan({ architecture: 'dcgan', width: 8 }));
    insert.run('old pix2pix', 'pix2pix', plan({ architecture: 'pix2pix', width: 8 }));
    insert.run('old cyclegan', 'cyclegan', plan({ architecture: 'cyclegan', width: 8 }));
    insert.run('new pix2pix', 'pix2pix', plan({ architecture: 'pix2pix', width: 8, upsample: 'nearest', padding: 'reflect' }));

    legacyUpsampling.up(db);

    const models = (db.prepare('SELECT config FROM runs ORDER BY id').pluck().all() as string[]).map((config) => JSON.parse(config) as { seed: number; model: unknown });
    expect(models.map((plan) => plan.model)).toEqual([
      { architecture: 'dcgan', width: 8, upsample: 'transposed' },
      { architecture: 'pix2pix', width: 8, upsample: 'transposed', padding: 'zeros' },
      { architecture: 'cyclegan', width: 8, upsample: 'transposed', padding: 'zeros' },
      { architecture: 'pix2pix', width: 8, upsample: 'nearest', padding: 'reflect' },
    ]);
    expect(models.every((plan) => plan.seed === 1)).toBe(true);
  });

  it('mark the FastGAN runs planned before bilinear resizing as the nearest-resizing networks they trained', () => {
    const db = new Database(':memory:');
    migrate(db, ':memory:');
    db.pragma('foreign_keys = OFF');
    const insert = db.prepare("INSERT INTO runs (name, architecture, config, status, created_at) VALUES (?, ?, ?, 'completed', 0)");
    const plan = (model: Record<string, unknown>) => JSON.stringify({ seed: 1, totalSteps: 10, model });
    insert.run('old fastgan', 'fastgan', plan({ architecture: 'fastgan', width: 8 }));
    insert.run('new fastgan', 'fastgan', plan({ architecture: 'fastgan', width: 8, upsample: 'bilinear' }));
    insert.run('dcgan', 'dcgan', plan({ architecture: 'dcgan', width: 8, upsample: 'nearest' }));

    fastGanNearest.up(db);

    const models = (db.prepare('SELECT config FROM runs ORDER BY id').pluck().all() as string[]).map((config) => JSON.parse(config) as { model: unknown });
    expect(models.map((plan) => plan.model)).toEqual([
      { architecture: 'fastgan', width: 8, upsample: 'nearest' },
      { architecture: 'fastgan', width: 8, upsample: 'bilinear' },
      { architecture: 'dcgan', width: 8, upsample: 'nearest' },
    ]);
  });
});
