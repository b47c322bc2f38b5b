import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../../main/library/library';
import { latestSchemaVersion } from '../../../../main/library/migrations';
import { createProjectFolder } from '../../../../main/library/project';

describe('project folders', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'studio-project-'));
  });

  it('creates a project whose library is in WAL mode with the current schema and foreign keys on', () => {
    const folders = createProjectFolder(join(base, 'Landscapes'));
    for (const folder of [folders.blobs, folders.checkpoints, folders.cache]) expect(existsSync(folder)).toBe(true);
    const library = openLibrary(folders.root);
    try {
      expect(library.summary).toEqual({ name: 'Landscapes', path: join(base, 'Landscapes') });
      expect(library.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(library.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(library.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    } finally {
      library.close();
    }
  });

  it('creates into an empty folder, but refuses a folder with files in it', () => {
    mkdirSync(join(base, 'empty'));
    expect(existsSync(createProjectFolder(join(base, 'empty')).library)).toBe(true);
    mkdirSync(join(base, 'busy'));
    writeFileSync(join(base, 'busy', 'notes.txt'), 'mine');
    expect(() => createProjectFolder(join(base, 'busy'))).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
    expect(existsSync(join(base, 'busy', 'library.db'))).toBe(false);
  });

  it('refuses to open a folder that is missing or is not a project, creating nothing in it', () => {
    expect(() => openLibrary(join(base, 'nowhere'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    mkdirSync(join(base, 'photos'));
    expect(() => openLibrary(join(base, 'photos'))).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT', message: expect.stringContaining('no library.db') }));
    expect(existsSync(join(base, 'photos', 'blobs'))).toBe(false);
  });

  it("refuses another program's SQLite database and a corrupt one, leaving them untouched", () => {
    mkdirSync(join(base, 'other'));
    new Database(join(base, 'other', 'library.db')).exec('create table t(x)');
    expect(() => openLibrary(join(base, 'other'))).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT', message: expect.stringContaining('not a Latent Studio library') }));
    expect(existsSync(join(base, 'other', 'blobs'))).toBe(false);
    mkdirSync(join(base, 'corrupt'));
    writeFileSync(join(base, 'corrupt', 'library.db'), 'this is not sqlite at all, just text padding it out past a header');
    expect(() => openLibrary(join(base, 'corrupt'))).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT' }));
  });
});
