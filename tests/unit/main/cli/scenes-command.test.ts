import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DatasetSummary, ImportReport } from '../../../../preload/contract';
import { sizeOption } from '../../../../main/cli/commands/scenes';
import { appPaths } from '../../../../main/paths';
import type { SceneDatasetReport } from '../../../../main/scenes/scene-dataset';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');
const base = mkdtempSync(join(tmpdir(), 'studio-cli-scenes-'));
const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout: 60_000 });
const names = (first: number, count: number) => Array.from({ length: count }, (_, index) => `scene-${String(first + index).padStart(4, '0')}.png`);

describe('latent-studio scenes (built CLI)', () => {
  it('writes day, night and sketch folders under matching names, with progress on stderr', async () => {
    const out = join(base, 'scenes');
    const result = run('scenes', '--out', out, '--count', '4', '--size', '64', '--seed', '10', '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Drawing scenes {2}\d\/4/);
    const report = JSON.parse(result.stdout) as SceneDatasetReport;
    expect(report).toMatchObject({ count: 4, cancelled: false, seeds: [10, 13], size: { width: 64, height: 64 }, layout: 'folders' });
    for (const folder of ['day', 'night', 'sketch']) expect(readdirSync(join(out, folder))).toEqual(names(10, 4));
    expect(await sharp(join(out, 'night', 'scene-0012.png')).metadata()).toMatchObject({ width: 64, height: 64, channels: 3 });
  });

  it('refuses to overwrite, changing nothing, and says how to go on', () => {
    const out = join(base, 'again');
    expect(run('scenes', '--out', out, '--count', '2', '--size', '32').status).toBe(0);
    const before = statSync(join(out, 'day', 'scene-0001.png')).mtimeMs;
    const again = run('scenes', '--out', out, '--count', '2', '--size', '32');
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/scene-0001\.png already exists \(and 5 more\); scenes are never overwritten/);
    expect(statSync(join(out, 'day', 'scene-0001.png')).mtimeMs).toBe(before);
    const more = run('scenes', '--out', out, '--count', '2', '--size', '32', '--seed', '3');
    expect(more.status, more.stderr).toBe(0);
    expect(more.stdout).toMatch(/^Wrote 2 scenes \(seeds 3–4, 32×32 px\)/);
    expect(readdirSync(join(out, 'sketch'))).toEqual(names(1, 4));
  });

  it('writes wide scenes and side-by-side pairs', async () => {
    const out = join(base, 'side');
    const result = run('scenes', '--out', out, '--count', '2', '--size', '96x64', '--layout', 'side-by-side');
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['day-night', 'sketch-day']);
    expect(await sharp(join(out, 'sketch-day', 'scene-0002.png')).metadata()).toMatchObject({ width: 192, height: 64 });
    expect(result.stdout).toContain(`latent-studio import NAME ${join(out, 'sketch-day')} --kind paired`);
  });

  it('says what is wrong with a command line', () => {
    const out = join(base, 'never');
    expect(run('scenes', '--count', '2').stderr).toMatch(/scenes needs --out DIR/);
    expect(run('scenes', '--out', out, '--size', '8').stderr).toMatch(/--size must be PX or WIDTHxHEIGHT, each from 16 to 4096 pixels, got "8"/);
    expect(run('scenes', '--out', out, '--layout', 'grid').stderr).toMatch(/--layout must be one of folders, side-by-side/);
    expect(run('scenes', '--out', out, '--count', '0').status).toBe(2);
    expect(() => readdirSync(out)).toThrow();
    expect(sizeOption('128')).toEqual({ width: 128, height: 128 });
    expect(sizeOption('192x128')).toEqual({ width: 192, height: 128 });
    for (const bad of ['', '128x', 'x128', '12.5', '5000', '64x9']) expect(() => sizeOption(bad), bad).toThrow(/--size/);
  });

  it('imports as a paired sketch→day dataset through the real import command', () => {
    const out = join(base, 'for-import');
    const project = join(base, 'project');
    expect(run('scenes', '--out', out, '--count', '5', '--size', '64').status).toBe(0);
    const imported = run('import', 'Landscapes', join(out, 'sketch'), join(out, 'day'), '--kind', 'paired', '--pairing', 'matched-folders', '--project', project, '--json');
    expect(imported.status, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as ImportReport;
    expect(report).toMatchObject({ imported: 5, duplicates: 0, problems: [], dataset: { name: 'Landscapes', kind: 'paired', itemCount: 10 } });
    const listed = JSON.parse(run('datasets', '--project', project, '--json').stdout) as DatasetSummary[];
    expect(listed).toEqual([expect.objectContaining({ name: 'Landscapes', kind: 'paired', itemCount: 10 })]);
  });
});
