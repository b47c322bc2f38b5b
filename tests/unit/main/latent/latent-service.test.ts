import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnimationResult, ExploreModel, JobProgress, LatentImage, PreviewImages, ProjectionResult, RunDetail, RunSummary, SavedLatent } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { childrenOf, findOutput, parentsOf } from '../../../../main/library/repos/outputs';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';

/** Explore's tools through the dispatcher, with the real engine process (built by npm run build) on wasm. */
describe('latent tools', () => {
  let studio: Studio;
  let base: string;
  let model: ExploreModel;
  let conditional: ExploreModel;

  async function call<T>(method: string, argument?: unknown): Promise<T> {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as T;
  }

  async function train(request: Record<string, unknown>): Promise<RunDetail> {
    const run = await call<RunSummary>('training.start', { dataset: 'Fashion', model: 'dcgan', resolution: 32, batchSize: 8, previewEvery: 1000, metricsEvery: 1000, ...request });
    for (;;) {
      const detail = await call<RunDetail>('training.get', { runId: run.id });
      if (detail.status === 'completed') return detail;
      if (detail.status === 'failed') throw new Error(detail.error ?? 'training failed');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const pixelsOf = async (url: string) => {
    const bytes = url.startsWith('data:') ? Buffer.from(url.split(',')[1]!, 'base64') : await blobBytes(url);
    return sharp(bytes).raw().toBuffer();
  };
  const blobBytes = (url: string) => sharp(studio.project.library.blobs.pathOf(url.split('/').at(-1)!)).png().toBuffer();
  const difference = (a: Buffer, b: Buffer) => a.reduce((sum, value, index) => sum + Math.abs(value - b[index]!), 0) / a.length;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-latent-'));
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'wasm' });
    await call('library.create', { path: join(base, 'project') });
    await call('datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(base, 200)] });
    // A high learning rate for a few steps: enough for different seeds to draw clearly different images.
    await train({ steps: 30, width: 8, checkpointEvery: 30, seed: 1, learningRateG: 0.005, learningRateD: 0.005 });
    await train({ steps: 2, width: 4, checkpointEvery: 2, seed: 4, conditional: true });
    const models = await call<ExploreModel[]>('latent.models');
    conditional = models.find((entry) => entry.classNames.length > 0)!;
    model = models.find((entry) => entry.classNames.length === 0)!;
  }, 180_000);
  afterAll(() => studio.close());

  it('lists every checkpoint with its model: resolution, latent size, EMA and class names', () => {
    expect(model).toMatchObject({ resolution: 32, channels: 1, latentSize: 128, hasEma: true, classNames: [], step: 30 });
    expect(conditional.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('a seed draws the same image in another engine process, and a grid is seed, seed + 1, …', async () => {
    const grid = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 40, count: 3 });
    expect(grid.map((image) => image.seed)).toEqual([40, 41, 42]);
    expect(new Set(grid.map((image) => image.blobHash)).size).toBe(3);
    // Another studio, with its own engine process, on the same project (which one process writes at a time).
    studio.project.close();
    const other = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'wasm' });
    try {
      await other.dispatch('library.open', [{ path: join(base, 'project') }]);
      const envelope = await other.dispatch('latent.sample', [{ checkpointId: model.checkpointId, seed: 41, count: 1 }]);
      expect(envelope.ok && (envelope.value as LatentImage[])[0]!.blobHash).toBe(grid[1]!.blobHash);
    } finally {
      other.close();
      studio.project.open(join(base, 'project'));
    }
  });

  it('truncation pulls images toward the average: ψ = 0 draws one image for every seed', async () => {
    const request = { checkpointId: model.checkpointId, seed: 7, count: 4 };
    const free = await call<LatentImage[]>('latent.sample', request);
    const average = await call<LatentImage[]>('latent.sample', { ...request, truncation: 0 });
    const half = await call<LatentImage[]>('latent.sample', { ...request, truncation: 0.5 });
    expect(new Set(average.map((image) => image.blobHash)).size).toBe(1);
    const [f, a, h] = await Promise.all([free, average, half].map((grid) => pixelsOf(grid[0]!.url)));
    expect(difference(h!, a!)).toBeLessThan(difference(f!, a!));
    expect(JSON.parse(findOutput(studio.project.library.db, half[0]!.outputId)!.provenance)).toMatchObject({ truncation: 0.5, ema: true, latent: { seed: 7 } });
  });

  it('draws a conditional model\'s seeds in their own class, or all in the class asked for', async () => {
    const own = await call<LatentImage[]>('latent.sample', { checkpointId: conditional.checkpointId, seed: 11, count: 3 });
    expect(own.map((image) => image.class)).toEqual([1, 2, 3]);
    const chosen = await call<LatentImage[]>('latent.sample', { checkpointId: conditional.checkpointId, seed: 11, count: 3, class: 7 });
    expect(chosen.map((image) => image.class)).toEqual([7, 7, 7]);
    expect(chosen[0]!.blobHash).not.toBe(own[0]!.blobHash);
    await expect(call('latent.sample', { checkpointId: conditional.checkpointId, seed: 1, count: 1, class: 10 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('10 classes') });
    await expect(call('latent.sample', { checkpointId: model.checkpointId, seed: 1, count: 1, class: 1 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('not conditional') });
  });

  it('previews points on a path and on the seed map without storing anything', async () => {
    const countOutputs = () => studio.project.library.db.prepare('SELECT count(*) FROM outputs').pluck().get();
    const before = countOutputs();
    const path = { keyframes: [{ kind: 'seed', seed: 1 }, { kind: 'seed', seed: 2 }], mode: 'spherical', easing: 'ease-in-out', loop: false };
    const { images } = await call<PreviewImages>('latent.preview', {
      checkpointId: model.checkpointId,
      points: [{ kind: 'path', path, at: 0 }, { kind: 'seed', seed: 1 }, { kind: 'path', path, at: 0.5 }, { kind: 'seed-map', seed: 9, x: 0, y: 0 }, { kind: 'seed-map', seed: 9, x: 0.5, y: 0 }],
    });
    expect(images).toHaveLength(5);
    expect(images[0]).toBe(images[1]);
    expect(images[2]).not.toBe(images[0]);
    expect(images[4]).not.toBe(images[3]);
    expect(countOutputs()).toBe(before);
  });

  it('exports a looping walk as a GIF with the frame count, size and delays asked for, with its keyframes as lineage', async () => {
    const [keyframe] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 5, count: 1 });
    const events: JobProgress[] = [];
    const unsubscribe = studio.events.subscribe((event, payload) => event === 'jobProgress' && events.push(payload as JobProgress));
    const request = {
      checkpointId: model.checkpointId,
      path: { keyframes: [{ kind: 'output', outputId: keyframe!.outputId }, { kind: 'seed', seed: 8 }, { kind: 'seed', seed: 9 }], mode: 'spherical', easing: 'ease-in-out', loop: true },
      frames: 18,
      fps: 12,
      format: 'gif',
      size: 96,
    };
    const animation = await call<AnimationResult>('latent.interpolate', request);
    unsubscribe();
    expect(animation).toMatchObject({ format: 'gif', mediaType: 'image/gif', frames: 18, size: 96 });
    const metadata = await sharp(studio.project.library.blobs.pathOf(animation.blobHash), { animated: true }).metadata();
    expect(metadata).toMatchObject({ format: 'gif', pages: 18, width: 96, pageHeight: 96, loop: 0 });
    // 1000 / 12 fps is 83 ms; GIF counts delays in hundredths of a second.
    expect(metadata.delay).toEqual(Array(18).fill(80));
    expect(parentsOf(studio.project.library.db, animation.outputId)).toEqual([{ outputId: keyframe!.outputId, role: 'keyframe' }]);
    expect(events.at(-1)).toMatchObject({ state: 'done' });
    // Its provenance is the request: rendering it again gives the same file.
    const provenance = JSON.parse(findOutput(studio.project.library.db, animation.outputId)!.provenance);
    expect(provenance).toMatchObject({ tool: 'animation', frames: 18, fps: 12, format: 'gif', size: 96, path: { mode: 'spherical', easing: 'ease-in-out', loop: true } });
    const again = await call<AnimationResult>('latent.interpolate', { ...request, path: { ...request.path, keyframes: provenance.path.keyframes.map((record: { seed?: number; vector?: string }) => ('seed' in record ? { kind: 'seed', seed: record.seed } : { kind: 'output', outputId: keyframe!.outputId })) } });
    expect(again.blobHash).toBe(animation.blobHash);
  });

  it('cancelling an export stops it and stores nothing', async () => {
    const countAnimations = () => studio.project.library.db.prepare("SELECT count(*) FROM outputs WHERE kind = 'animation'").pluck().get();
    const before = countAnimations();
    const jobId = 'cancel-export-test';
    const exporting = call('latent.interpolate', {
      checkpointId: model.checkpointId,
      path: { keyframes: [{ kind: 'seed', seed: 1 }, { kind: 'seed', seed: 2 }], mode: 'linear', easing: 'linear', loop: false },
      frames: 2000,
      fps: 24,
      format: 'webp',
      jobId,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await call('system.cancelJob', { jobId })).toBe(true);
    await expect(exporting).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(countAnimations()).toBe(before);
  });

  it('refuses MP4 before drawing anything when no encoder is installed, saying why', async () => {
    const formats = await call<{ format: string; available: boolean; reason: string | null }[]>('latent.formats');
    const mp4 = formats.find((entry) => entry.format === 'mp4')!;
    if (mp4.available) return expect(mp4.reason).toBeNull();
    await expect(
      call('latent.interpolate', { checkpointId: model.checkpointId, path: { keyframes: [{ kind: 'seed', seed: 1 }, { kind: 'seed', seed: 2 }], mode: 'linear', easing: 'linear', loop: false }, frames: 4, fps: 4, format: 'mp4' }),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('ffmpeg') });
  });

  it('mixes latents: a − a + c draws c, mutation at strength 0 draws the parent, and parents are lineage', async () => {
    const [a, c] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 20, count: 2 });
    const [same] = await call<LatentImage[]>('latent.mix', {
      checkpointId: model.checkpointId,
      operation: { kind: 'arithmetic', a: { kind: 'output', outputId: a!.outputId }, b: { kind: 'output', outputId: a!.outputId }, c: { kind: 'output', outputId: c!.outputId } },
    });
    expect(same!.blobHash).toBe(c!.blobHash);
    expect(parentsOf(studio.project.library.db, same!.outputId)).toEqual([
      { outputId: a!.outputId, role: 'a' },
      { outputId: a!.outputId, role: 'b' },
      { outputId: c!.outputId, role: 'c' },
    ]);
    const children = await call<LatentImage[]>('latent.mix', { checkpointId: model.checkpointId, operation: { kind: 'mutate', parent: { kind: 'output', outputId: a!.outputId }, strength: 0.4, children: 4, seed: 1 } });
    expect(new Set(children.map((child) => child.blobHash)).size).toBe(4);
    expect(childrenOf(studio.project.library.db, a!.outputId)).toEqual(expect.arrayContaining(children.map((child) => child.outputId)));
    const [unchanged] = await call<LatentImage[]>('latent.mix', { checkpointId: model.checkpointId, operation: { kind: 'mutate', parent: { kind: 'output', outputId: a!.outputId }, strength: 0, children: 1, seed: 1 } });
    expect(unchanged!.blobHash).toBe(a!.blobHash);
    // Grandchildren: a child is a parent like any other.
    const grandchildren = await call<LatentImage[]>('latent.mix', { checkpointId: model.checkpointId, operation: { kind: 'crossover', parents: [{ kind: 'output', outputId: children[0]!.outputId }, { kind: 'output', outputId: children[1]!.outputId }], children: 3, seed: 2 } });
    expect(grandchildren).toHaveLength(3);
  });

  it('projection lowers the reconstruction loss of an image the generator made, and the result is a latent like any other', async () => {
    const [target] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 77, count: 1, ema: false });
    const result = await call<ProjectionResult>('latent.project', { checkpointId: model.checkpointId, ema: false, image: { outputId: target!.outputId }, steps: 60 });
    expect(result.steps).toBe(60);
    expect(result.finalLoss).toBeLessThan(result.initialLoss * 0.8);
    expect(parentsOf(studio.project.library.db, result.outputId)).toEqual([{ outputId: target!.outputId, role: 'target' }]);
    const projected = await pixelsOf(result.url);
    const wanted = await pixelsOf(target!.url);
    const { images } = await call<PreviewImages>('latent.preview', { checkpointId: model.checkpointId, ema: false, points: [{ kind: 'seed', seed: 5 }] });
    expect(difference(projected, wanted)).toBeLessThan(difference(await pixelsOf(images[0]!), wanted));
    // It interpolates like any latent.
    const walk = await call<PreviewImages>('latent.preview', {
      checkpointId: model.checkpointId,
      points: [{ kind: 'path', path: { keyframes: [{ kind: 'output', outputId: result.outputId }, { kind: 'seed', seed: 1 }], mode: 'spherical', easing: 'linear', loop: false }, at: 0.5 }],
    });
    expect(walk.images).toHaveLength(1);
  }, 60_000);

  it('projects a file from disk, naming the file when it is not an image', async () => {
    const photo = join(base, 'photo.png');
    await sharp({ create: { width: 80, height: 60, channels: 3, background: '#a05030' } }).png().toFile(photo);
    const result = await call<ProjectionResult>('latent.project', { checkpointId: model.checkpointId, image: { path: photo }, steps: 5 });
    expect(result.targetUrl).toMatch(/^\/asset\/blob\//);
    const parents = parentsOf(studio.project.library.db, result.outputId);
    expect(findOutput(studio.project.library.db, parents[0]!.outputId)).toMatchObject({ kind: 'upload' });
    const junk = join(base, 'junk.png');
    writeFileSync(junk, 'not an image at all');
    await expect(call('latent.project', { checkpointId: model.checkpointId, image: { path: junk }, steps: 5 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(junk) });
    await expect(call('latent.project', { checkpointId: model.checkpointId, image: { path: join(base, 'missing.png') }, steps: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);

  it('every output keeps enough provenance to draw it again, exactly', async () => {
    const db = studio.project.library.db;
    const rows = db.prepare("SELECT id, blob_hash, kind, provenance FROM outputs WHERE kind IN ('sample', 'mix', 'projection')").all() as { id: number; blob_hash: string; kind: string; provenance: string }[];
    expect(new Set(rows.map((row) => row.kind))).toEqual(new Set(['sample', 'mix', 'projection']));
    for (const row of rows) {
      const provenance = JSON.parse(row.provenance);
      expect(provenance).toMatchObject({ tool: row.kind, checkpointId: expect.any(Number), checkpointSha256: expect.stringMatching(/^[0-9a-f]{64}$/), step: expect.any(Number), ema: expect.any(Boolean), truncation: expect.any(Number), latent: expect.any(Object) });
      // Drawn again from the record alone — the latent written in provenance, not the output's id.
      const latent = 'seed' in provenance.latent ? { kind: 'seed', seed: provenance.latent.seed, ...(provenance.latent.class !== null && { class: provenance.latent.class }) } : null;
      const point = latent ?? { kind: 'output', outputId: row.id };
      const { images } = await call<PreviewImages>('latent.preview', { checkpointId: provenance.checkpointId, ema: provenance.ema, truncation: provenance.truncation, points: [point] });
      expect(difference(await pixelsOf(images[0]!), await pixelsOf(`/asset/blob/${row.blob_hash}`)), `output ${row.id} (${row.kind})`).toBe(0);
    }
  }, 60_000);

  it('saves, lists, renames and forgets latents, and any tool can use one', async () => {
    const [image] = await call<LatentImage[]>('latent.sample', { checkpointId: model.checkpointId, seed: 99, count: 1 });
    const saved = await call<SavedLatent>('latent.save', { name: 'Soft boot', checkpointId: model.checkpointId, source: { kind: 'output', outputId: image!.outputId } });
    expect(saved).toMatchObject({ name: 'Soft boot', latentSize: 128, class: null, previewUrl: image!.url });
    await call('latent.save', { name: 'Seed 3', checkpointId: model.checkpointId, source: { kind: 'seed', seed: 3 } });
    // A blended point of the seed map is a latent like any other.
    const between = await call<SavedLatent>('latent.save', { name: 'Between', checkpointId: model.checkpointId, source: { kind: 'seed-map', seed: 9, x: 0.5, y: 0.25 } });
    const blended = await call<PreviewImages>('latent.preview', { checkpointId: model.checkpointId, points: [{ kind: 'seed-map', seed: 9, x: 0.5, y: 0.25 }, { kind: 'saved', latentId: between.latentId }] });
    expect(blended.images[1]).toBe(blended.images[0]);
    await call('latent.forget', { latentId: between.latentId });
    await expect(call('latent.save', { name: 'soft BOOT', checkpointId: model.checkpointId, source: { kind: 'seed', seed: 1 } })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(call('latent.rename', { latentId: saved.latentId, name: 'seed 3' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await call<SavedLatent>('latent.rename', { latentId: saved.latentId, name: 'Boot' })).toMatchObject({ name: 'Boot' });
    const { images } = await call<PreviewImages>('latent.preview', { checkpointId: model.checkpointId, points: [{ kind: 'saved', latentId: saved.latentId }] });
    expect(difference(await pixelsOf(images[0]!), await pixelsOf(image!.url))).toBe(0);
    expect((await call<SavedLatent[]>('latent.saved')).map((latent) => latent.name)).toEqual(['Seed 3', 'Boot']);
    await call('latent.forget', { latentId: saved.latentId });
    await expect(call('latent.forget', { latentId: saved.latentId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('latent.preview', { checkpointId: model.checkpointId, points: [{ kind: 'saved', latentId: saved.latentId }] })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('points.0') });
  });

  it('names the field when a request is wrong', async () => {
    await expect(call('latent.sample', { checkpointId: 999, seed: 1, count: 1 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('checkpointId') });
    await expect(call('latent.preview', { checkpointId: model.checkpointId, points: [{ kind: 'path', path: { keyframes: [{ kind: 'seed', seed: 1 }], mode: 'linear', easing: 'linear', loop: false }, at: 0 }] })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(call('latent.mix', { checkpointId: model.checkpointId, operation: { kind: 'mutate', parent: { kind: 'seed', seed: 1 }, strength: 2, children: 1, seed: 1 } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('strength') });
  });
});
