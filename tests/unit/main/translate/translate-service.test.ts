import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobProgress, RunDetail, RunSummary, TranslateBatchReport, TranslateModel, TranslationPreview, TranslationResult } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { writeDayNightFolders, writeSideBySidePairs } from '../../../fixtures/translation-pairs';

/** The translate namespace with the real engine process (built by npm run build), on wasm, over tiny models trained here. */
describe('translate service', () => {
  let studio: Studio;
  let base: string;
  let pairs: string;
  let days: string;
  let pix2pix: TranslateModel;
  let cyclegan: TranslateModel;

  async function call<T>(method: string, argument?: unknown): Promise<T> {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as T;
  }

  async function trained(request: Record<string, unknown>): Promise<RunDetail> {
    const run = await call<RunSummary>('training.start', request);
    await new Promise<void>((resolve) => {
      const unsubscribe = studio.events.subscribe((event, payload) => {
        const progress = payload as { runId?: number; status?: string };
        if (event === 'trainingProgress' && progress.runId === run.id && ['completed', 'failed'].includes(progress.status!)) {
          unsubscribe();
          resolve();
        }
      });
    });
    return call<RunDetail>('training.get', { runId: run.id });
  }

  const outputs = () => studio.project.library.db.prepare('SELECT id, kind, provenance FROM outputs ORDER BY id').all() as { id: number; kind: string; provenance: string }[];
  const rawOf = async (hash: string) => sharp(studio.project.library.blobs.pathOf(hash)).removeAlpha().raw().toBuffer({ resolveWithObject: true });

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-translate-'));
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'wasm' });
    await call('library.create', { path: join(base, 'project') });
    pairs = await writeSideBySidePairs(join(base, 'pairs'), 12, 64);
    await call('datasets.import', { dataset: 'Shapes', kind: 'paired', paths: [pairs] });
    const folders = await writeDayNightFolders(join(base, 'scenes'), 8, 64);
    days = folders.day;
    await call('datasets.import', { dataset: 'Day and night', kind: 'unpaired', paths: [folders.day, folders.night], pairing: 'matched-folders' });
    const first = await trained({ dataset: 'Shapes', model: 'pix2pix', resolution: 64, width: 4, steps: 6, checkpointEvery: 6, seed: 1 });
    const second = await trained({ dataset: 'Day and night', model: 'cyclegan', resolution: 64, width: 4, residualBlocks: 1, steps: 4, checkpointEvery: 4, seed: 2 });
    expect([first.status, second.status]).toEqual(['completed', 'completed']);
    const models = await call<TranslateModel[]>('translate.models');
    pix2pix = models.find((model) => model.architecture === 'pix2pix')!;
    cyclegan = models.find((model) => model.architecture === 'cyclegan')!;
  }, 180_000);
  afterAll(() => studio.close());

  it('lists every translation checkpoint with its directions, sides and held-out metrics', () => {
    expect(pix2pix).toMatchObject({ runName: 'Shapes · pix2pix 64 px', resolution: 64, directions: ['AtoB'], channels: { A: 3, B: 3 }, dataset: 'Shapes' });
    expect(pix2pix.metrics).toMatchObject({ heldOutL1: expect.any(Number), heldOutPsnr: expect.any(Number), heldOutSsim: expect.any(Number) });
    expect(pix2pix.previewUrl).toMatch(/^\/asset\/blob\//);
    expect(cyclegan).toMatchObject({ directions: ['AtoB', 'BtoA'], metrics: { cycleError: expect.any(Number) } });
  });

  it('translates a file, stores the result with its provenance and the file as its parent, and reuses that source next time', async () => {
    const file = join(pairs, 'pair-001.png');
    const first = await call<TranslationResult>('translate.image', { checkpointId: pix2pix.checkpointId, source: { path: file }, tiling: 'fit' });
    expect(first).toMatchObject({ width: 128, height: 64, tiles: 0, direction: 'AtoB', strength: 1, sourceName: file, checkpointId: pix2pix.checkpointId });
    const stored = outputs().find((output) => output.id === first.outputId)!;
    expect(stored.kind).toBe('translation');
    expect(JSON.parse(stored.provenance)).toMatchObject({
      tool: 'translate',
      checkpointId: pix2pix.checkpointId,
      checkpointSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      architecture: 'pix2pix',
      direction: 'AtoB',
      strength: 1,
      tiling: { mode: 'fit' },
      source: { outputId: first.sourceOutputId, name: file },
    });
    expect(outputs().find((output) => output.id === first.sourceOutputId)!.kind).toBe('upload');
    const parents = studio.project.library.db.prepare('SELECT parent_id, role FROM output_parents WHERE output_id = ?').all(first.outputId);
    expect(parents).toEqual([{ parent_id: first.sourceOutputId, role: 'source' }]);
    const again = await call<TranslationResult>('translate.image', { checkpointId: pix2pix.checkpointId, source: { path: file }, tool: 'style', strength: 0.5 });
    expect(again.sourceOutputId).toBe(first.sourceOutputId);
    expect(outputs().find((output) => output.id === again.outputId)!.kind).toBe('style');
  });

  it('blends with the original by strength: at 0 the result is the source', async () => {
    const file = join(days, 'scene-002.png');
    const result = await call<TranslationResult>('translate.image', { checkpointId: cyclegan.checkpointId, source: { path: file }, strength: 0 });
    const [translated, original] = await Promise.all([rawOf(result.blobHash), sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true })]);
    expect(Buffer.compare(translated.data, original.data)).toBe(0);
  });

  it('tiles an image larger than the model and keeps its size; fit does not', async () => {
    const large = join(base, 'large.png');
    await sharp(join(days, 'scene-003.png')).resize(200, 150, { fit: 'fill' }).png().toFile(large);
    const tiled = await call<TranslationResult>('translate.image', { checkpointId: cyclegan.checkpointId, direction: 'BtoA', source: { path: large } });
    expect(tiled).toMatchObject({ width: 200, height: 150, direction: 'BtoA' });
    expect(tiled.tiles).toBeGreaterThan(4);
    const provenance = JSON.parse(outputs().find((output) => output.id === tiled.outputId)!.provenance);
    expect(provenance.tiling).toMatchObject({ mode: 'tile', width: 200, height: 150, overlap: 16, tiles: tiled.tiles, statistics: { width: 200, height: 152 } });
    expect((await call<TranslationResult>('translate.image', { checkpointId: cyclegan.checkpointId, source: { path: large }, tiling: 'fit' })).tiles).toBe(0);
  });

  it('previews a drawing at its own size without storing anything', async () => {
    const drawing = await sharp({ create: { width: 96, height: 96, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
      .composite([{ input: Buffer.from('<svg width="96" height="96"><circle cx="48" cy="48" r="30" stroke="black" stroke-width="3" fill="none"/></svg>') }])
      .png()
      .toBuffer();
    const before = outputs().length;
    const preview = await call<TranslationPreview>('translate.preview', { checkpointId: pix2pix.checkpointId, png: drawing.toString('base64') });
    expect(preview).toMatchObject({ width: 96, height: 96 });
    expect(preview.milliseconds).toBeGreaterThan(0);
    expect((await sharp(Buffer.from(preview.png, 'base64')).metadata()).width).toBe(96);
    expect(outputs().length).toBe(before);
    // Kept, the same drawing becomes a 'sketch' output, the parent of its translation.
    const kept = await call<TranslationResult>('translate.image', { checkpointId: pix2pix.checkpointId, source: { png: drawing.toString('base64') } });
    expect(kept.sourceName).toBe('the drawing');
    expect(outputs().find((output) => output.id === kept.sourceOutputId)!.kind).toBe('sketch');
  });

  it('translates a folder in a batch, naming the file it could not read and translating the rest', async () => {
    const folder = join(base, 'batch');
    await writeSideBySidePairs(folder, 3, 64);
    writeFileSync(join(folder, 'broken.png'), Buffer.from('not really a png'));
    const report = await call<TranslateBatchReport>('translate.batch', { checkpointId: pix2pix.checkpointId, inputs: { paths: [folder] }, tiling: 'fit' });
    expect(report.results.map((result) => result.sourceName.split('/').at(-1))).toEqual(['pair-001.png', 'pair-002.png', 'pair-003.png']);
    expect(report.failed).toHaveLength(1);
    expect(report.failed[0]!.name).toMatch(/broken\.png$/);
    expect(report.failed[0]!.message).toMatch(/broken\.png/);
    expect(report.cancelled).toBe(false);
  });

  it('translates one side of a dataset, and stops when cancelled, keeping what is done', async () => {
    const all = await call<TranslateBatchReport>('translate.batch', { checkpointId: cyclegan.checkpointId, inputs: { dataset: 'Day and night', domain: 'A' }, tool: 'style' });
    expect(all.results).toHaveLength(8);
    expect(all.results.every((result) => result.sourceName.startsWith('scene-'))).toBe(true);

    const jobId = 'batch-cancel-test-1';
    const seen: JobProgress[] = [];
    const unsubscribe = studio.events.subscribe((event, payload) => {
      const progress = payload as JobProgress;
      if (event !== 'jobProgress' || progress.jobId !== jobId) return;
      seen.push(progress);
      if (progress.completed >= 2) studio.jobs.cancel(jobId);
    });
    // Each image tiled at 384 px takes long enough that the cancel, sent from a progress event, lands mid-batch.
    const cancelled = await call<TranslateBatchReport>('translate.batch', { checkpointId: cyclegan.checkpointId, inputs: { dataset: 'Day and night', domain: 'B' }, tiling: 'tile', workingSize: 384, jobId });
    unsubscribe();
    expect(cancelled.cancelled).toBe(true);
    expect(cancelled.results.length).toBeGreaterThanOrEqual(2);
    expect(cancelled.results.length).toBeLessThan(8);
    expect(seen.at(-1)!.state).toBe('cancelled');
  });

  it('compares several styles on one photo, all children of one source', async () => {
    const results = await call<TranslationResult[]>('translate.compare', {
      source: { path: join(days, 'scene-004.png') },
      styles: [{ checkpointId: cyclegan.checkpointId }, { checkpointId: cyclegan.checkpointId, direction: 'BtoA', strength: 0.4 }],
    });
    expect(results.map((result) => [result.direction, result.strength])).toEqual([['AtoB', 1], ['BtoA', 0.4]]);
    expect(new Set(results.map((result) => result.sourceOutputId)).size).toBe(1);
  });

  it('refuses what it cannot do, naming the field, and stores nothing', async () => {
    const before = outputs().length;
    await expect(call('translate.image', { checkpointId: pix2pix.checkpointId, direction: 'BtoA', source: { path: join(pairs, 'pair-001.png') } })).rejects.toThrow(/^direction: run "Shapes · pix2pix 64 px" translates AtoB only/);
    await expect(call('translate.image', { checkpointId: 999, source: { path: join(pairs, 'pair-001.png') } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^checkpointId/) });
    await expect(call('translate.image', { checkpointId: pix2pix.checkpointId, source: { path: join(base, 'missing.png') } })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^source: .*missing\.png is not a file/) });
    await expect(call('translate.preview', { checkpointId: pix2pix.checkpointId, png: Buffer.from('garbage!').toString('base64') })).rejects.toThrow(/^png: the drawing/);
    await expect(call('translate.preview', { checkpointId: pix2pix.checkpointId, png: 'not base64 at all!' })).rejects.toThrow(/png: must be base64/);
    await expect(call('latent.sample', { checkpointId: pix2pix.checkpointId, count: 1, seed: 1 })).rejects.toThrow(/is a pix2pix model, which translates images/);
    expect(outputs().length).toBe(before);
    expect(readFileSync(join(pairs, 'pair-001.png')).length).toBeGreaterThan(0);
  });
});
