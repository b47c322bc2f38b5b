import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnimationResult, LatentImage, ProjectionResult, SavedLatent } from '../../../../preload/contract';
import { appPaths } from '../../../../main/paths';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';
import { trainOutput } from './train-output';

const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

describe('latent-studio sample, interpolate, mix, project and latents (built CLI)', () => {
  const base = mkdtempSync(join(tmpdir(), 'studio-cli-explore-'));
  const project = join(base, 'project');
  const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args, '--project', project], { encoding: 'utf8', env, timeout: 180_000 });
  const json = <T>(...args: string[]): T => {
    const result = run(...args, '--json');
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as T;
  };
  let checkpoint = '';

  beforeAll(() => {
    expect(run('import', 'Fashion', fashionMnistIdx(base, 100), '--kind', 'images').status).toBe(0);
    // A DCGAN: a FastGAN four steps old still draws near-flat grey, whose animation frames a GIF would merge (FastGAN's Explore tests train it longer).
    const trained = run('train', '--dataset', 'Fashion', '--model', 'dcgan', '--resolution', '32', '--steps', '4', '--batch', '8', '--preset', 'quick', '--backend', 'wasm', '--json');
    expect(trained.status, trained.stderr).toBe(0);
    checkpoint = String(trainOutput(trained.stdout).run.checkpoints.at(-1)!.id);
  }, 180_000);

  it('sample lays a grid out in columns beside the images', async () => {
    const out = join(base, 'grid');
    json<LatentImage[]>('sample', '--checkpoint', checkpoint, '--count', '5', '--seed', '10', '--grid', '3', '--truncation', '0.7', '--out', out);
    const { width, height } = await sharp(join(out, 'grid-10.png')).metadata();
    // 3 columns and 2 rows of 32 px with 2 px gaps.
    expect([width, height]).toEqual([3 * 32 + 2 * 2, 2 * 32 + 2]);
  });

  it('interpolate writes an animation file, or numbered PNG frames into a folder', async () => {
    const gif = join(base, 'walk.gif');
    const animation = json<AnimationResult>('interpolate', '--checkpoint', checkpoint, '--seeds', '1,7,42', '--frames', '12', '--loop', '--format', 'gif', '--size', '64', '--out', gif);
    expect(animation).toMatchObject({ frames: 12, size: 64, format: 'gif' });
    expect(await sharp(gif, { animated: true }).metadata()).toMatchObject({ pages: 12, width: 64, pageHeight: 64 });
    const folder = join(base, 'frames');
    json('interpolate', '--checkpoint', checkpoint, '--keyframes', '3,seed:4', '--frames', '6', '--format', 'png', '--out', folder);
    expect(readdirSync(folder).sort()).toEqual(['frame-0001.png', 'frame-0002.png', 'frame-0003.png', 'frame-0004.png', 'frame-0005.png', 'frame-0006.png']);
    expect(await sharp(join(folder, 'frame-0006.png')).metadata()).toMatchObject({ width: 32, height: 32 });
    // Never over an existing file.
    const again = run('interpolate', '--checkpoint', checkpoint, '--seeds', '1,2', '--frames', '4', '--format', 'gif', '--out', gif);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
  });

  it('project finds a latent for an image file and saves it by name; mix breeds from it', async () => {
    const photo = join(base, 'photo.png');
    await sharp({ create: { width: 50, height: 40, channels: 3, background: '#808080' } }).png().toFile(photo);
    const result = json<ProjectionResult & { savedLatent: SavedLatent }>('project', '--checkpoint', checkpoint, photo, '--steps', '5', '--save', 'Grey', '--out', join(base, 'projected.png'));
    expect(result.steps).toBe(5);
    expect(existsSync(join(base, 'projected.png'))).toBe(true);
    const listed = run('latents');
    expect(listed.stdout).toContain(`saved:${result.savedLatent.latentId}  Grey  (128 numbers)`);
    const children = json<LatentImage[]>('mix', '--checkpoint', checkpoint, '--mutate', `saved:${result.savedLatent.latentId}`, '--strength', '0.5', '--children', '3', '--out', join(base, 'children'));
    expect(children).toHaveLength(3);
    expect(readdirSync(join(base, 'children')).sort()).toEqual(['child-1.png', 'child-2.png', 'child-3.png']);
    expect(run('latents', 'rename', String(result.savedLatent.latentId), 'Flat grey').status).toBe(0);
    expect(run('latents', 'forget', String(result.savedLatent.latentId)).status).toBe(0);
    expect(run('latents').stdout).toBe('No saved latents yet.\n');
  });

  it('explains a wrong command line (exit 2) and a format this machine cannot write (exit 1)', () => {
    const one = run('interpolate', '--checkpoint', checkpoint, '--seeds', '1', '--out', join(base, 'x.webp'));
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('at least two keyframes');
    expect(run('mix', '--checkpoint', checkpoint, '--out', join(base, 'm')).stderr).toContain('exactly one of');
    expect(run('interpolate', '--checkpoint', checkpoint, '--keyframes', 'photo:3,4', '--out', join(base, 'y.webp')).stderr).toContain('"photo:3" is not a latent');
    const mp4 = run('interpolate', '--checkpoint', checkpoint, '--seeds', '1,2', '--frames', '4', '--format', 'mp4', '--out', join(base, 'walk.mp4'));
    if (existsSync('/usr/bin/ffmpeg')) return expect(mp4.status).toBe(0);
    expect(mp4.status).toBe(1);
    expect(mp4.stderr).toContain('ffmpeg');
    expect(existsSync(join(base, 'walk.mp4'))).toBe(false);
    expect(readFileSync(join(base, 'walk.gif')).length).toBeGreaterThan(0);
  });
});
