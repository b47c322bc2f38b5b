import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TranslateBatchReport } from '../../../../preload/contract';
import { outputNames } from '../../../../main/cli/commands/translate';
import { appPaths } from '../../../../main/paths';
import { writeSideBySidePairs } from '../../../fixtures/translation-pairs';
import { trainOutput } from './train-output';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

describe('latent-studio train --model pix2pix and translate (built CLI)', () => {
  const base = mkdtempSync(join(tmpdir(), 'studio-cli-translate-'));
  const project = join(base, 'project');
  const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args, '--project', project], { encoding: 'utf8', env, timeout: 180_000 });
  let checkpoint = '';
  let pairs = '';

  beforeAll(async () => {
    pairs = await writeSideBySidePairs(join(base, 'pairs'), 10, 64);
    expect(run('import', 'Shapes', pairs, '--kind', 'paired').status).toBe(0);
    const trained = run('train', '--dataset', 'Shapes', '--model', 'pix2pix', '--resolution', '64', '--width', '4', '--steps', '4', '--backend', 'wasm', '--json');
    expect(trained.status, trained.stderr).toBe(0);
    const detail = trainOutput(trained.stdout).run;
    expect(detail).toMatchObject({ model: 'pix2pix', resolution: 64, status: 'completed', config: { architecture: 'pix2pix', width: 4 } });
    checkpoint = String(detail.checkpoints.at(-1)!.id);
  }, 180_000);

  it('translates files and folders into DIR/<name>.png, at the inputs’ sizes, and refuses to overwrite them', async () => {
    const out = join(base, 'out');
    const single = join(base, 'single');
    await writeSideBySidePairs(single, 1, 64);
    const result = run('translate', '--checkpoint', checkpoint, pairs, join(single, 'pair-001.png'), '--out', out, '--fit', '--json', '--backend', 'wasm');
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as TranslateBatchReport & { results: { file: string }[] };
    expect(report.results).toHaveLength(11);
    expect(readdirSync(out).sort()).toEqual([...Array.from({ length: 10 }, (_, i) => `pair-${String(i + 1).padStart(3, '0')}.png`), 'pair-001-2.png'].sort());
    expect(await sharp(join(out, 'pair-002.png')).metadata()).toMatchObject({ width: 128, height: 64 });
    const again = run('translate', '--checkpoint', checkpoint, pairs, '--out', out);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/pair-001\.png already exists/);
  });

  it('says what is wrong with a command line, and with a model that cannot go that way', () => {
    expect(run('translate', '--checkpoint', checkpoint, '--out', join(base, 'x')).status).toBe(2);
    expect(run('translate', '--checkpoint', checkpoint, pairs, '--out', join(base, 'y'), '--tile', '--fit').stderr).toMatch(/--tile and --fit/);
    const wrongWay = run('translate', '--checkpoint', checkpoint, pairs, '--out', join(base, 'z'), '--direction', 'BtoA');
    expect(wrongWay.status).toBe(1);
    expect(wrongWay.stderr).toMatch(/direction: .* translates AtoB only/);
    expect(run('train', '--dataset', 'Shapes', '--model', 'pix2pix', '--blocks', '6').stderr).toMatch(/--blocks is for --model cyclegan/);
  });

  it('names outputs after their inputs, numbering repeats', () => {
    expect(outputNames(['/a/x.jpg', '/b/x.png', '/c/y.webp', '/d/x.tif'])).toEqual(['x.png', 'x-2.png', 'y.png', 'x-3.png']);
  });
});
