import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary } from '../../../../preload/contract';
import { createProjectFolder } from '../../../../main/library/project';
import { lockProject } from '../../../../main/library/project-lock';
import { cliIn, exited, printed, tinyRun, writeImages } from './cli-project';

const runStatus = (project: string) => {
  const db = new Database(join(project, 'library.db'), { readonly: true });
  try {
    return db.prepare('SELECT status, error FROM runs WHERE id = 1').get() as { status: string; error: string | null };
  } finally {
    db.close();
  }
};

describe('one writer per project', () => {
  it('refuses a second writer in the same process, naming the holder, and lets the next one in once released', () => {
    const { root } = createProjectFolder(join(mkdtempSync(join(tmpdir(), 'studio-lock-')), 'P'));
    const first = lockProject(root, 'latent-studio serve');
    expect(() => lockProject(root, 'latent-studio train')).toThrow(
      expect.objectContaining({ code: 'ALREADY_EXISTS', message: expect.stringMatching(new RegExp(`is open in \`latent-studio serve\` \\(pid ${process.pid}\\) since \\d\\d:\\d\\d`)) }),
    );
    first.release();
    lockProject(root, 'latent-studio train').release();
  });

  it('a second train of the same run is refused while the first trains; reading commands work beside it and change nothing; a killed writer leaves no lock (built CLI)', async () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-two-writers-'));
    const project = join(base, 'P');
    const { run, start } = cliIn(base);
    expect(run('import', 'Small', await writeImages(join(base, 'images'), 24), '--kind', 'images', '--project', project).status).toBe(0);

    const writer = start('train', '--dataset', 'Small', '--steps', '100000', ...tinyRun, '--project', project);
    await printed(writer, /Step \d+/);
    try {
      const second = run('train', '--resume', '1', '--steps', '300', '--project', project);
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(new RegExp(`Project .*P is open in \`latent-studio train\` \\(pid ${writer.pid}\\) since \\d\\d:\\d\\d`));
      const importing = run('import', 'More', join(base, 'images'), '--kind', 'images', '--project', project);
      expect(importing.status).toBe(1);
      expect(importing.stderr).toContain('is open in `latent-studio train`');

      const listed = run('datasets', '--json', '--project', project);
      expect(listed.status).toBe(0);
      expect((JSON.parse(listed.stdout) as DatasetSummary[]).map((dataset) => dataset.name)).toEqual(['Small']);
      expect(run('latents', '--project', project).status).toBe(0);
      // Opening the project to read never marks the live run as interrupted.
      expect(runStatus(project)).toEqual({ status: 'running', error: null });
    } finally {
      writer.kill('SIGKILL');
      await exited(writer);
    }

    // The system let go of the killed writer's lock: the next writer takes the project, and only it marks the run interrupted.
    const resumed = run('train', '--resume', '1', '--steps', '60', '--project', project);
    expect(resumed.stderr).not.toContain('is open in');
    expect(resumed.status).toBe(0);
    expect(runStatus(project).status).toBe('completed');
  }, 240_000);
});
