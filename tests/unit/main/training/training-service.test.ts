import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary, LatentImage, TrainingProgress } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { fashionMnistIdx } from '../../../fixtures/fashion-mnist';

/** The training service with the real engine process (built by npm run build), on wasm. */
describe('training runs', () => {
  let studio: Studio;
  let base: string;

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'studio-training-'));
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { backend: 'wasm' });
    await call('library.create', { path: join(base, 'project') });
    await call('datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(base, 200)] });
  }, 120_000);
  afterAll(() => studio.close());

  async function call<T>(method: string, argument?: unknown): Promise<T> {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (!envelope.ok) throw Object.assign(new Error(envelope.error.message), { code: envelope.error.code });
    return envelope.value as T;
  }

  /** Resolves with the run's detail once it settles; `onProgress` sees every event before that. */
  function settled(runId: number, onProgress: (progress: TrainingProgress) => void = () => {}): Promise<RunDetail> {
    return new Promise((resolve) => {
      const unsubscribe = studio.events.subscribe((event, payload) => {
        const progress = payload as TrainingProgress;
        if (event !== 'trainingProgress' || progress.runId !== runId) return;
        onProgress(progress);
        if (['completed', 'paused', 'stopped', 'failed'].includes(progress.status)) {
          unsubscribe();
          void call<RunDetail>('training.get', { runId }).then(resolve);
        }
      });
    });
  }

  const small = { dataset: 'Fashion', model: 'dcgan', resolution: 32, batchSize: 8, width: 4, previewEvery: 4, checkpointEvery: 4, metricsEvery: 12 };

  it('trains to the end, recording metrics, preview grids and checkpoints with their previews', async () => {
    const run = await call<RunSummary>('training.start', { ...small, steps: 12, seed: 7 });
    expect(['queued', 'running']).toContain(run.status);
    const progress: TrainingProgress[] = [];
    const detail = await settled(run.id, (p) => progress.push(p));
    expect(detail).toMatchObject({ status: 'completed', step: 12, totalSteps: 12, error: null, imported: false });
    expect(detail.checkpoints.map((c) => c.step)).toEqual([4, 8, 12]);
    expect(detail.checkpoints.every((c) => c.previewUrl?.startsWith('/asset/blob/'))).toBe(true);
    expect(detail.latest).toMatchObject({ lossD: expect.any(Number), lossG: expect.any(Number), swd: expect.any(Number) });
    const [lossD] = await call<{ name: string; steps: number[] }[]>('training.metrics', { runId: run.id, names: ['lossD'] });
    expect(lossD!.steps).toEqual(Array.from({ length: 12 }, (_, n) => n + 1));
    expect(progress.some((p) => p.previewUrl !== null)).toBe(true);
    expect(progress.some((p) => p.etaSeconds !== null && p.imagesPerSecond !== null)).toBe(true);

    // The same seed samples the same images; provenance makes them again.
    const checkpointId = detail.checkpoints.at(-1)!.id;
    const first = await call<LatentImage[]>('latent.sample', { checkpointId, count: 3, seed: 40 });
    const again = await call<LatentImage[]>('latent.sample', { checkpointId, count: 1, seed: 41 });
    expect(first.map((image) => image.seed)).toEqual([40, 41, 42]);
    expect(again[0]!.blobHash).toBe(first[1]!.blobHash);
  }, 180_000);

  it('pauses with a checkpoint where it stood, and resumes to the end', async () => {
    const run = await call<RunSummary>('training.start', { ...small, steps: 40, seed: 8, checkpointEvery: 100 });
    let asked = false;
    const paused = await settled(run.id, (p) => {
      if (!asked && p.step >= 5) {
        asked = true;
        void call('training.pause', { runId: run.id });
      }
    });
    expect(paused.status).toBe('paused');
    expect(paused.step).toBeGreaterThanOrEqual(5);
    expect(paused.step).toBeLessThan(40);
    expect(paused.checkpoints.at(-1)!.step).toBe(paused.step);

    const finished = settled(run.id);
    await call('training.resume', { runId: run.id });
    expect(await finished).toMatchObject({ status: 'completed', step: 40 });
  }, 180_000);

  it('stops a paused run for good, telling every window', async () => {
    const run = await call<RunSummary>('training.start', { ...small, steps: 40, seed: 10, checkpointEvery: 100 });
    let asked = false;
    await settled(run.id, (p) => {
      if (!asked && p.step >= 3) {
        asked = true;
        void call('training.pause', { runId: run.id });
      }
    });
    const stopped = settled(run.id);
    await call('training.stop', { runId: run.id });
    expect((await stopped).status).toBe('stopped');
    await expect(call('training.stop', { runId: run.id })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  }, 120_000);

  it('refuses to resume when its only checkpoint is damaged, saying which file and why, marks it damaged and leaves it as it was', async () => {
    const run = await call<RunSummary>('training.start', { ...small, steps: 4, seed: 9 });
    const done = await settled(run.id);
    const checkpoint = done.checkpoints.at(-1)!;
    const path = join(base, 'project', 'checkpoints', `run-${run.id}`, `step-${String(checkpoint.step).padStart(8, '0')}.lsck`);
    const damaged = readFileSync(path).subarray(0, 1000);
    writeFileSync(path, damaged);
    const failed = settled(run.id);
    await call('training.resume', { runId: run.id, steps: 8 });
    const detail = await failed;
    expect(detail.status).toBe('failed');
    expect(detail.error).toContain(`checkpoints/run-${run.id}/step-00000004.lsck) is damaged (its file is 1000 bytes, not the ${checkpoint.sizeBytes} written), and its run has no intact checkpoint`);
    expect(readFileSync(path).equals(damaged)).toBe(true);
    expect(detail.checkpoints.map((c) => [c.step, c.damage])).toEqual([[4, `its file is 1000 bytes, not the ${checkpoint.sizeBytes} written`]]);
  }, 120_000);

  it('refuses bad requests with the field named', async () => {
    await expect(call('training.start', { ...small, dataset: 'Nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call('training.start', { ...small, resolution: 48 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('resolution') });
    await expect(call('training.pause', { runId: 9999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
