import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { appPaths } from '../../../../main/paths';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';
import { trainOutput } from './train-output';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

describe('latent-studio train and sample (built CLI)', () => {
  const base = mkdtempSync(join(tmpdir(), 'studio-cli-train-'));
  const project = join(base, 'project');
  const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args, '--project', project], { encoding: 'utf8', env, timeout: 180_000 });

  it('trains a run of the default model, FastGAN, to the end, then samples images by seed from its checkpoint', () => {
    expect(run('import', 'Fashion', fashionMnistIdx(base, 150), '--kind', 'images').status).toBe(0);
    const trained = run('train', '--dataset', 'Fashion', '--resolution', '32', '--steps', '6', '--batch', '8', '--seed', '3', '--preset', 'quick', '--backend', 'wasm', '--json');
    expect(trained.status).toBe(0);
    const { metrics, run: detail } = trainOutput(trained.stdout);
    expect(detail).toMatchObject({ status: 'completed', step: 6, seed: 3, model: 'fastgan', resolution: 32 });
    // Every metric point came as it was recorded, once each: the losses of every step and the quality metrics at the end.
    const stepsOf = (name: string) => metrics.filter((point) => point.name === name).map((point) => point.step);
    expect(stepsOf('lossD')).toEqual([1, 2, 3, 4, 5, 6]);
    for (const name of ['swd', 'spectral', 'spectralHarmonic', 'diversity']) expect(stepsOf(name)).toEqual([6]);
    for (const point of metrics) expect(point).toEqual({ runId: detail.id, step: expect.any(Number), name: expect.any(String), value: expect.any(Number) });
    for (const [name, value] of Object.entries(detail.latest)) expect(metrics.findLast((point) => point.name === name)?.value).toBe(value);
    const checkpoint = detail.checkpoints.at(-1)!;

    const out = join(base, 'samples');
    const sampled = run('sample', '--checkpoint', String(checkpoint.id), '--count', '3', '--seed', '100', '--out', out);
    expect(sampled.status).toBe(0);
    expect(sampled.stdout).toContain('Wrote 3 images');
    for (const seed of [100, 101, 102]) expect(existsSync(join(out, `seed-${seed}.png`))).toBe(true);
    // The same seed in a new process draws the same image.
    const again = run('sample', '--checkpoint', String(checkpoint.id), '--count', '1', '--seed', '101', '--out', join(base, 'again'));
    expect(again.status).toBe(0);
    expect(readFileSync(join(base, 'again', 'seed-101.png')).equals(readFileSync(join(out, 'seed-101.png')))).toBe(true);
  }, 240_000);

  it('never overwrites a file, refuses a bad command line with exit code 2, and a FastGAN too large for the backend with 1', async () => {
    const out = join(base, 'taken');
    mkdirSync(out, { recursive: true });
    await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } }).png().toFile(join(out, 'seed-5.png'));
    const before = readFileSync(join(out, 'seed-5.png'));
    const refused = run('sample', '--checkpoint', '1', '--count', '2', '--seed', '4', '--out', out);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`${join(out, 'seed-5.png')} already exists`);
    expect(readFileSync(join(out, 'seed-5.png')).equals(before)).toBe(true);
    expect(run('train', '--resolution', '32').status).toBe(2);
    expect(run('train', '--dataset', 'Fashion', '--resolution', '48').stderr).toContain('--resolution (for fastgan) must be one of 32, 64, 128, 256, 512, 1024');
    expect(run('train', '--dataset', 'Fashion', '--model', 'dcgan', '--resolution', '256').stderr).toContain('--resolution (for dcgan) must be one of 32, 64, 128');
    const upsample = run('train', '--dataset', 'Fashion', '--upsample', 'transposed');
    expect(upsample.status).toBe(2);
    expect(upsample.stderr).toContain('--upsample transposed is for --model dcgan, pix2pix or cyclegan');
    expect(run('train', '--dataset', 'Fashion', '--model', 'pix2pix', '--conditional').stderr).toContain('--conditional is for --model fastgan or dcgan');
    const large = run('train', '--dataset', 'Fashion', '--resolution', '1024', '--backend', 'wasm');
    expect(large.status).toBe(1);
    expect(large.stderr).toContain('resolution: 1024 px needs a GPU backend');
    expect(run('train', '--dataset', 'Fashion', '--backend', 'quantum').stderr).toContain('--backend must be one of');
  });
});
