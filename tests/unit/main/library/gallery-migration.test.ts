import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { GalleryFilters } from '../../../../preload/contract';
import { planQuery } from '../../../../main/gallery/filters';
import { migrate } from '../../../../main/library/migrations';
import * as initial from '../../../../main/library/migrations/001-initial';
import * as explore from '../../../../main/library/migrations/002-explore';
import * as translate from '../../../../main/library/migrations/003-translate';

const search = (db: Database.Database, words: string) =>
  db.prepare('SELECT rowid FROM output_text WHERE output_text MATCH ? ORDER BY rowid').pluck().all(words) as number[];

describe('schema 4: the gallery', () => {
  function schema3Library(): Database.Database {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    for (const migration of [initial, explore, translate]) migration.up(db);
    db.pragma('user_version = 3');
    db.prepare("INSERT INTO blobs VALUES (?, 10, 'image/png', 8, 8, 0)").run('a'.repeat(64));
    const output = db.prepare("INSERT INTO outputs (blob_hash, kind, provenance, notes, created_at) VALUES (?, 'sample', '{}', ?, ?)");
    ['Misty harbour', '', '', 'Golden café'].forEach((notes, index) => output.run('a'.repeat(64), notes, index));
    db.exec("INSERT INTO tags (name) VALUES ('night-sky'), ('keeper'); INSERT INTO output_tags VALUES (1, 2), (2, 2), (2, 4);");
    return db;
  }

  it('indexes the notes and tags a library already has for search', () => {
    const db = schema3Library();
    migrate(db, ':memory:');
    expect(search(db, 'harbour')).toEqual([1]);
    expect(search(db, 'sky')).toEqual([2]);
    expect(search(db, 'keeper')).toEqual([2, 4]);
    expect(search(db, 'cafe')).toEqual([4]);
    expect(search(db, 'misty golden')).toEqual([]);
  });

  it('keeps search in step with every write to notes and tags, whoever makes it', () => {
    const db = schema3Library();
    migrate(db, ':memory:');
    db.prepare("UPDATE outputs SET notes = 'stormy harbour' WHERE id = 3").run();
    expect(search(db, 'harbour')).toEqual([1, 3]);
    db.prepare("UPDATE tags SET name = 'starry' WHERE name = 'night-sky'").run();
    expect(search(db, 'sky')).toEqual([]);
    expect(search(db, 'starry')).toEqual([2]);
    db.prepare('DELETE FROM output_tags WHERE output_id = 2').run();
    expect(search(db, 'keeper')).toEqual([4]);
    expect(db.prepare('SELECT count(*) FROM output_text WHERE rowid = 2').pluck().get()).toBe(0);
    db.prepare('DELETE FROM tags WHERE name = ?').run('keeper');
    expect(search(db, 'golden')).toEqual([4]);
    expect(search(db, 'keeper')).toEqual([]);
    db.prepare("INSERT INTO outputs (blob_hash, kind, provenance, notes, created_at) VALUES (?, 'mix', '{}', 'fresh harbour', 9)").run('a'.repeat(64));
    expect(search(db, 'harbour')).toEqual([1, 3, 5]);
    db.prepare('DELETE FROM outputs WHERE id IN (1, 5)').run();
    expect(search(db, 'harbour')).toEqual([3]);
  });

  it('forgets a fingerprint with its image', () => {
    const db = schema3Library();
    migrate(db, ':memory:');
    db.prepare("INSERT INTO blobs VALUES (?, 10, 'image/png', 8, 8, 0)").run('b'.repeat(64));
    db.prepare('INSERT INTO blob_fingerprints VALUES (?, ?, ?)').run('b'.repeat(64), '0'.repeat(16), Buffer.alloc(256));
    expect(() => db.prepare('INSERT INTO blob_fingerprints VALUES (?, ?, NULL)').run('a'.repeat(64), '0'.repeat(16))).toThrow(/CHECK/);
    db.prepare('DELETE FROM blobs WHERE hash = ?').run('b'.repeat(64));
    expect(db.prepare('SELECT count(*) FROM blob_fingerprints').pluck().get()).toBe(0);
  });

  it('reads a window of the gallery and its length from an index alone', () => {
    const db = schema3Library();
    migrate(db, ':memory:');
    const planOf = (sql: string, params: object) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((row) => row.detail).join('; ');
    const cases: GalleryFilters[] = [{}, { tools: ['explore', 'style'] }, { minRating: 3, favourite: true, from: 1, to: 5 }];
    for (const filters of cases) {
      const plan = planQuery(db, filters);
      expect(planOf(`SELECT o.id FROM ${plan.from} WHERE ${plan.where} ORDER BY ${plan.orderBy} LIMIT 100 OFFSET 90000`, plan.params)).toMatch(/^SEARCH o USING COVERING INDEX outputs_live_by_time/);
      expect(planOf(`SELECT count(*) FROM ${plan.from} WHERE ${plan.where}`, plan.params)).toMatch(/COVERING INDEX/);
    }
  });
});
