import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ExportModelReport, ImportModelReport, ModelSourceSummary } from '../../../../preload/contract';
import { appPaths } from '../../../../main/paths';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';
import { trainOutput } from './train-output';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

describe('latent-studio models export, inspect and import (built CLI)', () => {
  const base = mkdtempSync(join(tmpdir(), 'studio-cli-models-'));
  const projectA = join(base, 'project-a');
  const projectB = join(base, 'project-b');
  const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
  const run = (project: string, ...args: string[]) => spawnSync(process.execPath, [cli, ...args, '--project', project], { encoding: 'utf8', env, timeout: 180_000 });
  let checkpoint = '';

  beforeAll(() => {
    expect(run(projectA, 'import', 'Fashion', fashionMnistIdx(base, 100), '--kind', 'images').status).toBe(0);
    // The default model: a FastGAN.
    const trained = run(projectA, 'train', '--dataset', 'Fashion', '--resolution', '32', '--width', '4', '--steps', '2', '--batch', '8', '--backend', 'wasm', '--json');
    expect(trained.status, trained.stderr).toBe(0);
    checkpoint = String(trainOutput(trained.stdout).run.checkpoints.at(-1)!.id);
  }, 180_000);

  it('exports a checkpoint as a bundle, and never into a folder with something in it unless told', () => {
    const out = join(base, 'bundle');
    const exported = run(projectA, 'models', 'export', '--checkpoint', checkpoint, '--out', out, '--json');
    expect(exported.status, exported.stderr).toBe(0);
    const report = JSON.parse(exported.stdout) as ExportModelReport;
    expect(report).toMatchObject({ folder: out, architecture: 'fastgan', networks: [{ network: 'ema' }], customLayers: ['BilinearUpsampling2D', 'GatedLinearUnit'] });
    expect(readdirSync(out).sort()).toEqual(['README.md', 'bundle.json', 'layers.js', 'model.json', 'weights.bin']);

    const before = readFileSync(join(out, 'weights.bin'));
    const refused = run(projectA, 'models', 'export', '--checkpoint', checkpoint, '--out', out, '--raw');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/folder: .*bundle is not empty/);
    expect(readFileSync(join(out, 'weights.bin')).equals(before)).toBe(true);

    const raw = run(projectA, 'models', 'export', '--checkpoint', checkpoint, '--out', out, '--raw', '--keep-both');
    expect(raw.status, raw.stderr).toBe(0);
    expect(raw.stdout).toContain(`to ${out}-2:`);
    expect(JSON.parse(readFileSync(join(`${out}-2`, 'bundle.json'), 'utf8')).networks[0].network).toBe('generator');
  });

  it('inspects and imports the bundle into another project, where sample draws from it', () => {
    const out = join(base, 'bundle');
    const inspected = run(projectB, 'models', 'inspect', out, '--json');
    expect(inspected.status, inspected.stderr).toBe(0);
    expect(JSON.parse(inspected.stdout) as ModelSourceSummary).toMatchObject({ kind: 'bundle', architecture: 'fastgan', project: 'project-a', usableIn: 'explore' });

    const imported = run(projectB, 'models', 'import', out, '--name', 'Borrowed', '--json');
    expect(imported.status, imported.stderr).toBe(0);
    const report = JSON.parse(imported.stdout) as ImportModelReport;
    expect(report).toMatchObject({ runName: 'Borrowed', summary: { kind: 'bundle' } });
    const sampled = run(projectB, 'sample', '--checkpoint', String(report.checkpointId), '--count', '1', '--seed', '5', '--out', join(base, 'samples'));
    expect(sampled.status, sampled.stderr).toBe(0);
    expect(existsSync(join(base, 'samples', 'seed-5.png'))).toBe(true);

    const text = run(projectB, 'models', 'import', projectA, '--checkpoint', checkpoint);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^Imported ".* \(imported\)" as run \d+, checkpoint \d+: FastGAN 32 px, latent 256, step 2, for Explore\.$/m);
  });

  it('names what is wrong with a bundle, and with a command line', () => {
    const broken = join(base, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'model.json'), '{}');
    const refused = run(projectB, 'models', 'import', broken);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/bundle\.json: missing from/);
    expect(run(projectB, 'models', 'export', '--out', join(base, 'x')).stderr).toMatch(/models export needs --checkpoint ID and --out DIR/);
    expect(run(projectB, 'models', 'export', '--checkpoint', '1', '--out', join(base, 'x'), '--overwrite', '--keep-both').status).toBe(2);
    expect(run(projectB, 'models', 'import').status).toBe(2);
    expect(run(projectB, 'models', 'rename').stderr).toMatch(/unknown action "rename"/);
    expect(run(projectB, '--help').stdout).toContain('models export --checkpoint ID --out DIR');
  });
});
