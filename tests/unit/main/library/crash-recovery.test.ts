import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../../main/library/library';
import { createProjectFolder } from '../../../../main/library/project';
import { findRun } from '../../../../main/library/repos/runs';
import { runDetail } from '../../../../main/training/runs-view';
import { cliIn, exited, printed, tinyRun, writeImages } from './cli-project';

interface CheckpointRecord {
  readonly id: number;
  readonly step: number;
  readonly path: string;
  readonly sha256: string;
  readonly damage: string | null;
}

const checkpoints = (project: string): CheckpointRecord[] => {
  const db = new Database(join(project, 'library.db'), { readonly: true });
  try {
    return db.prepare('SELECT id, step, path, sha256, damage FROM checkpoints ORDER BY step').all() as CheckpointRecord[];
  } finally {
    db.close();
  }
};

/** A pid no process has: one that has just exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('creating a project', () => {
  it('a folder a killed create left with only its temporary library becomes a project on the next import', async () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-create-leftovers-'));
    const project = join(base, 'NEW');
    mkdirSync(project);
    writeFileSync(join(project, 'library.db.4242.tmp'), 'half a database');
    writeFileSync(join(project, 'library.db.4242.tmp-journal'), 'its journal');
    const imported = cliIn(base).run('import', 'Small', await writeImages(join(base, 'images'), 3), '--kind', 'images', '--project', project);
    expect(imported.stderr).not.toContain('not a Latent Studio project');
    expect(imported.status).toBe(0);
    expect(readdirSync(project).filter((name) => name.includes('.tmp'))).toEqual([]);
  }, 60_000);

  it('a create that was killed part way leaves only a hidden staging folder, which the next create of that project removes', () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-create-staging-'));
    const abandoned = join(base, `.P.creating-${deadPid()}-0a1b2c3d`);
    mkdirSync(join(abandoned, 'blobs'), { recursive: true });
    const { root } = createProjectFolder(join(base, 'P'));
    expect(readdirSync(base)).toEqual(['P']);
    expect(existsSync(join(root, 'library.db'))).toBe(true);
  });
});

describe('opening a project after a crash', () => {
  it('sweeps the temporary files a killed write left, and keeps everything else', () => {
    const { root } = createProjectFolder(join(mkdtempSync(join(tmpdir(), 'studio-sweep-')), 'P'));
    const leftovers = ['.3f9a1c.tmp', 'blobs/ab/.9c0ffee1d2e3.tmp', 'checkpoints/run-1/.step-00000040.lsck.a1b2c3d4e5f6.tmp', 'checkpoints/.import-0123456789ab.lsck.tmp', 'cache/thumbs/ab/.77aa.tmp', 'cache/uploads/batch-0001/photo.png.0a0b0c0d0e0f.part'];
    const kept = ['blobs/ab/ab' + '0'.repeat(62), 'cache/thumbs/ab/notes.txt', 'checkpoints/run-1/step-00000040.lsck.txt'];
    for (const path of [...leftovers, ...kept]) {
      mkdirSync(join(root, path, '..'), { recursive: true });
      writeFileSync(join(root, path), 'x');
    }
    openLibrary(root).close();
    for (const path of leftovers) expect(existsSync(join(root, path)), path).toBe(false);
    for (const path of kept) expect(existsSync(join(root, path)), path).toBe(true);
  });
});

describe('checkpoints after a crash or damage (built CLI)', () => {
  const base = mkdtempSync(join(tmpdir(), 'studio-checkpoint-recovery-'));
  const project = join(base, 'P');
  const { run, start } = cliIn(base);

  beforeAll(async () => {
    expect(run('import', 'Small', await writeImages(join(base, 'images'), 24), '--kind', 'images', '--project', project).status).toBe(0);
    expect(run('train', '--dataset', 'Small', '--steps', '40', ...tinyRun, '--project', project).status).toBe(0);
  }, 120_000);

  it('a checkpoint written but never recorded is recorded when the project opens; a retired one a crash kept is removed', () => {
    const before = checkpoints(project);
    const [retired, newest] = [before[0]!, before.at(-1)!];
    // As if the process died between writing these files and committing their rows (or, for the older, between retiring it and deleting its file).
    const db = new Database(join(project, 'library.db'));
    db.prepare('DELETE FROM checkpoints WHERE id IN (?, ?)').run(retired.id, newest.id);
    db.close();

    openLibrary(project).close();
    const after = checkpoints(project);
    expect(after.at(-1)).toMatchObject({ step: newest.step, path: newest.path, sha256: newest.sha256 });
    expect(after.map((row) => row.step)).not.toContain(retired.step);
    expect(existsSync(join(project, retired.path))).toBe(false);
  });

  it('a damaged newest checkpoint: sampling falls back to the newest intact one and says so, the damaged one is shown as damaged, and resume goes on from the intact one', () => {
    const rows = checkpoints(project);
    const [intact, damaged] = [rows.at(-2)!, rows.at(-1)!];
    const file = join(project, damaged.path);
    const bytes = readFileSync(file);
    bytes[bytes.length - 100]! ^= 0xff;
    writeFileSync(file, bytes);

    const sampled = run('sample', '--checkpoint', String(damaged.id), '--count', '1', '--out', join(base, 'samples'), '--project', project);
    expect(sampled.stderr).not.toContain('Internal error');
    expect(sampled.status).toBe(0);
    expect(sampled.stderr).toContain(`warning: Small · DCGAN 32 px: Checkpoint ${damaged.id} (step ${damaged.step}, ${damaged.path}) is damaged: its contents do not match their checksum. Using checkpoint ${intact.id} (step ${intact.step})`);
    const db = new Database(join(project, 'library.db'), { readonly: true });
    try {
      const shown = runDetail(db, findRun(db, 1)!).checkpoints;
      expect(shown.find((checkpoint) => checkpoint.id === damaged.id)?.damage).toBe('its contents do not match their checksum');
      expect(shown.find((checkpoint) => checkpoint.id === intact.id)?.damage).toBeNull();
      const sample = db.prepare("SELECT json_extract(provenance, '$.checkpointId') FROM outputs WHERE kind = 'sample'").pluck().get();
      expect(sample).toBe(intact.id);
    } finally {
      db.close();
    }

    const resumed = run('train', '--resume', '1', '--steps', String(damaged.step + 8), '--project', project);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toContain(`Using checkpoint ${intact.id} (step ${intact.step})`);
    // Training went on from the intact step and wrote the damaged step again, whole.
    expect(checkpoints(project).find((row) => row.step === damaged.step)).toMatchObject({ damage: null });
  }, 120_000);

  it('the engine leaves as soon as the process that started it is killed', async () => {
    const writer = start('train', '--resume', '1', '--steps', '100000', '--project', project);
    await printed(writer, /Step \d+/);
    const engines = () =>
      readdirSync('/proc')
        .filter((name) => /^\d+$/.test(name))
        .filter((pid) => {
          try {
            return readFileSync(join('/proc', pid, 'cmdline'), 'utf8').includes(join('dist', 'engine'));
          } catch {
            return false;
          }
        })
        .filter((pid) => readFileSync(join('/proc', pid, 'stat'), 'utf8').split(') ')[1]!.split(' ')[1] === String(writer.pid));
    const engine = engines()[0];
    expect(engine).toBeDefined();
    writer.kill('SIGKILL');
    await exited(writer);
    const deadline = Date.now() + 3000;
    while (existsSync(join('/proc', engine!)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const state = existsSync(join('/proc', engine!)) ? readFileSync(join('/proc', engine!, 'stat'), 'utf8').split(') ')[1]![0] : 'gone';
    expect(['gone', 'Z']).toContain(state);
  }, 60_000);
});
