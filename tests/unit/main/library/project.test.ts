import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { createProject, openProject } from '../../../../main/library/project';

describe('project folders', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'studio-project-'));
  });

  it('creates a project folder with its library in WAL mode and its subfolders', () => {
    const project = createProject(join(base, 'Landscapes'));
    expect(project).toEqual({ name: 'Landscapes', path: join(base, 'Landscapes') });
    for (const folder of ['blobs', 'checkpoints', 'cache']) expect(existsSync(join(project.path, folder))).toBe(true);
    const db = new Database(join(project.path, 'library.db'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(openProject(project.path)).toEqual(project);
  });

  it('creates into an empty folder, but refuses a folder with files in it', () => {
    mkdirSync(join(base, 'empty'));
    expect(createProject(join(base, 'empty')).name).toBe('empty');
    mkdirSync(join(base, 'busy'));
    writeFileSync(join(base, 'busy', 'notes.txt'), 'mine');
    expect(() => createProject(join(base, 'busy'))).toThrow(expect.objectContaining({ code: 'ALREADY_EXISTS' }));
    expect(existsSync(join(base, 'busy', 'library.db'))).toBe(false);
  });

  it('refuses to open a folder that is missing or is not a project', () => {
    expect(() => openProject(join(base, 'nowhere'))).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    mkdirSync(join(base, 'photos'));
    expect(() => openProject(join(base, 'photos'))).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT', message: expect.stringContaining('no library.db') }));
  });

  it("refuses another program's SQLite database and a corrupt one", () => {
    mkdirSync(join(base, 'other'));
    new Database(join(base, 'other', 'library.db')).exec('create table t(x)');
    expect(() => openProject(join(base, 'other'))).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT', message: expect.stringContaining('not a Latent Studio library') }));
    mkdirSync(join(base, 'corrupt'));
    writeFileSync(join(base, 'corrupt', 'library.db'), 'this is not sqlite at all, just text padding it out past a header');
    expect(() => openProject(join(base, 'corrupt'))).toThrow(expect.objectContaining({ code: 'NOT_A_PROJECT' }));
  });
});
