import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary, ImportReport } from '../../../../preload/contract';
import { openLibrary } from '../../../../main/library/library';
import { appPaths } from '../../../../main/paths';
import { patternImage } from '../datasets/fixtures';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');
const imageCount = 400;

describe('an import killed with SIGKILL (built CLI)', () => {
  it('leaves a library that opens, passes integrity_check, and a re-run completes the import', async () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-kill-'));
    const folder = join(base, 'photos');
    mkdirSync(folder);
    for (let n = 0; n < imageCount; n += 50) {
      await Promise.all(Array.from({ length: 50 }, (_, k) => patternImage(1000 + n + k, 48, 36).png().toFile(join(folder, `${String(n + k).padStart(4, '0')}.png`))));
    }
    const project = join(base, 'project');
    const args = [cli, 'import', 'Photos', folder, '--kind', 'images', '--project', project, '--json'];

    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'ignore'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const itemsSoFar = () => {
      try {
        const db = new Database(join(project, 'library.db'), { readonly: true, fileMustExist: true });
        try {
          return db.prepare('SELECT count(*) FROM dataset_items').pluck().get() as number;
        } finally {
          db.close();
        }
      } catch {
        return 0; // Not created yet, or its schema not committed yet.
      }
    };
    const deadline = Date.now() + 60_000;
    while (itemsSoFar() < 40 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    child.kill('SIGKILL');
    await exited;

    const library = openLibrary(project);
    let before: number;
    try {
      expect(library.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(library.db.pragma('foreign_key_check')).toEqual([]);
      before = library.db.prepare('SELECT count(*) FROM dataset_items').pluck().get() as number;
      const recorded = library.db.prepare("SELECT count(*) FROM import_files WHERE outcome = 'imported'").pluck().get();
      expect(before).toBeGreaterThanOrEqual(40);
      expect(before).toBeLessThan(imageCount);
      // Every item has its file recorded and every recorded file its item: no half-done file.
      expect(recorded).toBe(before);
      expect(library.db.prepare('SELECT status FROM imports').pluck().get()).toBe('running');
    } finally {
      library.close();
    }

    const rerun = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
    expect(rerun.status).toBe(0);
    const report = JSON.parse(rerun.stdout) as ImportReport;
    expect(report).toMatchObject({ resumed: true, cancelled: false, alreadyDone: before });
    expect(report.dataset.itemCount).toBe(imageCount);

    const listed = spawnSync(process.execPath, [cli, 'datasets', '--project', project, '--json'], { encoding: 'utf8' });
    expect((JSON.parse(listed.stdout) as DatasetSummary[]).map((d) => [d.name, d.kind, d.itemCount])).toEqual([['Photos', 'images', imageCount]]);
  }, 180_000);
});
