import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../../../main/library/library';
import { createProjectFolder } from '../../../../main/library/project';
import { createRun, recordCheckpoint } from '../../../../main/library/repos/runs';
import { projectFileOf, storedPathOf } from '../../../../main/library/stored-paths';
import { trainOutput } from '../cli/train-output';
import { cliIn, fileHashes, tinyRun, writeImages } from './cli-project';

const storedPaths = (project: string) => {
  const db = new Database(join(project, 'library.db'), { readonly: true });
  try {
    return [...(db.prepare('SELECT path FROM checkpoints').pluck().all() as string[]), ...(db.prepare('SELECT path FROM prepared_caches').pluck().all() as string[])];
  } finally {
    db.close();
  }
};

describe('a project copied to another folder (built CLI)', () => {
  it('trains, samples and exports on its own files, and the original stays byte for byte as it was', async () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-portable-'));
    const { run } = cliIn(base);
    const [A, B] = [join(base, 'A'), join(base, 'elsewhere', 'B')];
    expect(run('import', 'Small', await writeImages(join(base, 'images'), 24), '--kind', 'images', '--project', A).status).toBe(0);
    expect(run('train', '--dataset', 'Small', '--steps', '40', ...tinyRun, '--project', A).status).toBe(0);
    for (const path of storedPaths(A)) expect(path).toMatch(/^(checkpoints|cache)\//);

    cpSync(A, B, { recursive: true });
    // The reproduction from the issue: without A's prepared cache, B used to fail or train on A's files.
    rmSync(join(A, 'cache', 'prepared'), { recursive: true });
    const original = fileHashes(A);

    const resumed = run('train', '--resume', '1', '--steps', '80', '--json', '--project', B);
    expect(resumed.stderr).not.toContain('unsettled');
    expect(resumed.status).toBe(0);
    const detail = trainOutput(resumed.stdout).run;
    expect(detail).toMatchObject({ status: 'completed', step: 80 });
    const sampled = run('sample', '--checkpoint', String(detail.checkpoints.at(-1)!.id), '--count', '2', '--out', join(base, 'samples'), '--project', B);
    expect(sampled.status).toBe(0);
    expect(run('models', 'export', '--checkpoint', String(detail.checkpoints.at(-1)!.id), '--out', join(base, 'bundle'), '--project', B).status).toBe(0);
    expect(existsSync(join(base, 'bundle', 'model.json'))).toBe(true);

    // Retention in B deleted B's old checkpoints, never A's; nothing in A changed at all.
    expect(fileHashes(A)).toEqual(original);
    expect(readdirSync(join(B, 'checkpoints', 'run-1')).some((name) => name.startsWith('step-00000080'))).toBe(true);
    for (const path of storedPaths(B)) expect(existsSync(join(B, path))).toBe(true);
  }, 240_000);
});

describe('stored paths', () => {
  it('are relative to the project, and a path leading outside it is refused', () => {
    const root = join(tmpdir(), 'P');
    expect(storedPathOf(root, join(root, 'checkpoints', 'run-1', 'step-1.lsck'))).toBe('checkpoints/run-1/step-1.lsck');
    expect(() => storedPathOf(root, join(tmpdir(), 'Q', 'x'))).toThrow(/outside the project/);
    expect(projectFileOf(root, 'checkpoints/run-1/step-1.lsck')).toBe(join(root, 'checkpoints', 'run-1', 'step-1.lsck'));
    for (const hostile of ['../Q/checkpoints/x', '/etc/passwd', 'checkpoints/../../x', 'C:/Windows/x', 'a\\..\\..\\x', '']) {
      expect(() => projectFileOf(root, hostile), hostile).toThrow(/not a path inside the project/);
    }
  });

  it('an older library with absolute paths from wherever it was is rewritten to relative ones when opened', () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-migrate-paths-'));
    const folders = createProjectFolder(join(base, 'moved'));
    const db = new Database(folders.library);
    const runId = createRun(db, 'old run', null as unknown as number, 'dcgan', { model: {}, seed: 1, totalSteps: 10, checkpointEvery: 10, previewEvery: 10, metricsEvery: 10 });
    recordCheckpoint(db, { run_id: runId, step: 10, path: '/home/someone/Old place/P/checkpoints/run-1/step-00000010.lsck', size: 1, sha256: '0'.repeat(64), metrics: {} });
    recordCheckpoint(db, { run_id: runId, step: 20, path: 'C:\\Users\\someone\\P\\checkpoints\\run-1\\step-00000020.lsck', size: 1, sha256: '1'.repeat(64), metrics: {} });
    db.exec(`INSERT INTO datasets (name, kind, created_at, updated_at) VALUES ('D', 'images', 0, 0)`);
    db.exec(`INSERT INTO prepared_caches (dataset_id, domain, resolution, options, fingerprint, revision, path, count, size, created_at)
             VALUES (1, NULL, 32, '{}', 'f', 1, '/home/someone/Old place/P/cache/prepared/1-all-32-f.lstc', 1, 1, 0)`);
    // Back to schema 4, as a library from before portable paths was.
    db.exec('ALTER TABLE checkpoints DROP COLUMN damage');
    db.pragma('user_version = 4');
    db.close();

    const library = openLibrary(folders.root);
    try {
      expect(library.db.prepare('SELECT path FROM checkpoints ORDER BY step').pluck().all()).toEqual(['checkpoints/run-1/step-00000010.lsck', 'checkpoints/run-1/step-00000020.lsck']);
      expect(library.db.prepare('SELECT path FROM prepared_caches').pluck().get()).toBe('cache/prepared/1-all-32-f.lstc');
    } finally {
      library.close();
    }
  });
});
