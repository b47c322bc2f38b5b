import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExploreModel, LatentImage, PreviewImages, ProjectionResult, RunDetail } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { findOutput } from '../../../../main/library/repos/outputs';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';
import { caller, trained } from '../models/harness';

/**
 * FastGAN, the default image model, is an Explore model like a DCGAN: listed,
 * drawn by seed, truncated, walked, mixed and projected, by class when it is
 * conditional; Translate refuses it. The real engine process (built by npm
 * run build) on wasm, with tiny models.
 */
describe('FastGAN in Explore', () => {
  let studio: Studio;
  let base: string;
  let model: ExploreModel;
  let conditional: ExploreModel;

  const call = caller(() => studio);
  const train = (request: Record<string, unknown>): Promise<RunDetail> =>
    trained(call, { dataset: 'Fashion', model: 'fastgan', resolution: 32, width: 4, batchSize: 4, ...request });

  const pixelsOf = (url: string) => {
    const bytes = url.startsWith('data:') ? Buffer.from(url.split(',')[1]!, 'base64') : studio.project.library.blobs.pathOf(url.split('/').at(-1)!);
    return sharp(bytes).raw().toBuffer();
  };
  const difference = (a: Buffer, b: Buffer) => a.reduce((sum, value, index) => sum + Math.abs(value - b[index]!), 0) / a.length;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-fastgan-explore-'));
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'wasm' });
    await call('library.create', { path: join(base, 'project') });
    await call('datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(base, 120)] });
    // Fast learning and a short average: a FastGAN just initialised draws flat grey (its batch norms' running
    // statistics still at their start), and these few steps are enough for seeds and classes to draw different images.
    const fast = { steps: 16, checkpointEvery: 16, learningRateG: 0.003, learningRateD: 0.003, emaDecay: 0.5 };
    await train({ ...fast, seed: 1 });
    await train({ ...fast, seed: 2, conditional: true });
    const models = await call<ExploreModel[]>('latent.models');
    conditional = models.find((entry) => entry.classNames.length > 0)!;
    model = models.find((entry) => entry.classNames.length === 0)!;
  }, 180_000);
  afterAll(() => studio?.close());

  it('lists each FastGAN checkpoint with its latent size, moving average and class names', () => {
    expect(model).toMatchObject({ resolution: 32, channels: 1, latentSize: 256, hasEma: true, classNames: [], step: 16 });
    expect(conditional).toMatchObject({ latentSize: 256, classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] });
  });

  it('a seed draws the same image every time, from the moving average or the raw generator', async () => {
    const grid = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 40, count: 3 });
    expect(new Set(grid.map((image) => image.blobHash)).size).toBe(3);
    const [again] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 41, count: 1 });
    expect(again!.blobHash).toBe(grid[1]!.blobHash);
    const [raw] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 41, count: 1, ema: false });
    expect(raw!.blobHash).not.toBe(grid[1]!.blobHash);
    expect(JSON.parse(findOutput(studio.project.library.db, raw!.outputId)!.provenance)).toMatchObject({ ema: false, latent: { seed: 41 } });
  });

  it('truncation ψ = 0 draws one image for every seed', async () => {
    const average = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 7, count: 3, truncation: 0 });
    expect(new Set(average.map((image) => image.blobHash)).size).toBe(1);
  });

  it('draws a conditional FastGAN’s seeds in their own class, or all in the class asked for', async () => {
    const own = await call<LatentImage[]>('latent.sample', { checkpointId: conditional.checkpointId, seed: 11, count: 3 });
    expect(own.map((image) => image.class)).toEqual([1, 2, 3]);
    const chosen = await call<LatentImage[]>('latent.sample', { checkpointId: conditional.checkpointId, seed: 11, count: 3, class: 7 });
    expect(chosen.map((image) => image.class)).toEqual([7, 7, 7]);
    expect(chosen[0]!.blobHash).not.toBe(own[0]!.blobHash);
  });

  it('walks a path and the seed map, and mixes latents: a − a + c draws c', async () => {
    const path = { keyframes: [{ kind: 'seed', seed: 1 }, { kind: 'seed', seed: 2 }], mode: 'spherical', easing: 'linear', loop: false };
    const { images } = await call<PreviewImages>('latent.preview', {
      checkpointId: model.checkpointId,
      points: [{ kind: 'path', path, at: 0 }, { kind: 'seed', seed: 1 }, { kind: 'path', path, at: 0.5 }, { kind: 'seed-map', seed: 9, x: 0, y: 0 }, { kind: 'seed-map', seed: 9, x: 0.5, y: 0 }],
    });
    expect(images[0]).toBe(images[1]);
    expect(images[2]).not.toBe(images[0]);
    expect(images[4]).not.toBe(images[3]);
    const [a, c] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 20, count: 2 });
    const [same] = await call<LatentImage[]>('latent.mix', {
      checkpointId: model.checkpointId,
      operation: { kind: 'arithmetic', a: { kind: 'output', outputId: a!.outputId }, b: { kind: 'output', outputId: a!.outputId }, c: { kind: 'output', outputId: c!.outputId } },
    });
    expect(same!.blobHash).toBe(c!.blobHash);
  });

  it('projection lowers the reconstruction loss of an image the generator made', async () => {
    const [target] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 77, count: 1, ema: false });
    const result = await call<ProjectionResult>('latent.project', { checkpointId: model.checkpointId, ema: false, image: { outputId: target!.outputId }, steps: 40 });
    expect(result.finalLoss).toBeLessThan(result.initialLoss);
    const { images } = await call<PreviewImages>('latent.preview', { checkpointId: model.checkpointId, ema: false, points: [{ kind: 'seed', seed: 5 }] });
    const wanted = await pixelsOf(target!.url);
    expect(difference(await pixelsOf(result.url), wanted)).toBeLessThan(difference(await pixelsOf(images[0]!), wanted));
  }, 60_000);

  it('Translate refuses a FastGAN checkpoint, saying where to use it', async () => {
    const photo = join(base, 'photo.png');
    await sharp({ create: { width: 32, height: 32, channels: 3, background: '#a05030' } }).png().toFile(photo);
    await expect(call('translate.image', { checkpointId: model.checkpointId, source: { path: photo }, tiling: 'fit' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `checkpointId: checkpoint ${model.checkpointId} is a FastGAN, which draws images from noise rather than translating them; Translate uses pix2pix and CycleGAN models (use it in Explore)`,
    });
  });
});
