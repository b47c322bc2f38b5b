/**
 * The training loop: the I/O around the one-step trainers. It draws every
 * random number from the run's generator in a fixed order, so a run stopped
 * at step N and resumed from its checkpoint takes exactly the steps it would
 * have taken; previews and metrics use fixed latents of their own and never
 * touch that order.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { GanConfig } from '../models/config';
import { generatePixels, predictWith, gridOf, latentsForSeeds } from '../latent/generate';
import { SeededRandom } from '../random';
import type { TrainEvent, TrainParams, TrainResult } from '../protocol';
import { readCheckpoint, writeCheckpoint } from './checkpoint-file';
import { BatchSource } from './data';
import { measureQuality, qualityReference } from './quality';
import { captureState, restoreState } from './snapshot';
import { createTrainingContext, disposeTrainingContext, type TrainingContext } from './steps-context';
import { trainStep } from './train-step';
import { rawImage } from '../../images/raw-image';

/** Step metrics reach the main process at most this often. */
const metricsFlushMs = 500;
/** Preview grids use seeds far from any a person would type. */
const previewSeedBase = 2_000_000_000;

export async function train(params: TrainParams, emit: (event: TrainEvent) => void, shouldStop: () => boolean): Promise<TrainResult> {
  const { config } = params;
  const resumed = params.resumeFrom ? readCheckpoint(params.resumeFrom) : null;
  if (resumed) checkSameModel(resumed.state.config, config, params.resumeFrom!);
  const random = new SeededRandom(params.seed);
  const context = createTrainingContext(config, random);
  const data = new BatchSource(params.datasetCache, config.batchSize, params.seed, resumed?.state.data);
  try {
    checkDataFits(data, config, params.datasetCache);
    if (resumed) {
      await restoreState(context, resumed.tensors);
      random.state = resumed.state.random;
    }
    mkdirSync(params.checkpointDir, { recursive: true });
    mkdirSync(params.previewDir, { recursive: true });
    const reference = qualityReference(data, config);

    let step = resumed?.state.step ?? 0;
    let trainSeconds = resumed?.state.trainSeconds ?? 0;
    let quality: Record<string, number> = { ...(resumed?.state.metrics ?? {}) };
    let pending: { name: string; step: number; value: number }[] = [];
    let lastFlush = performance.now();
    let lastCheckpointStep = resumed?.state.step ?? -1;
    const flush = () => {
      if (pending.length > 0) emit({ type: 'metrics', step, trainSeconds, values: pending });
      pending = [];
      lastFlush = performance.now();
    };
    const checkpoint = async () => {
      flush();
      const path = join(params.checkpointDir, `step-${String(step).padStart(8, '0')}.lsck`);
      const state = { config, seed: params.seed, step, random: random.state, data: data.position, trainSeconds, metrics: quality };
      const { size, sha256 } = writeCheckpoint(path, state, await captureState(context));
      lastCheckpointStep = step;
      emit({ type: 'checkpoint', step, path, size, sha256, metrics: quality });
    };

    const preview = async () => {
      const path = join(params.previewDir, `step-${String(step).padStart(8, '0')}.png`);
      await writePreview(context, config, path);
      emit({ type: 'preview', step, path });
    };

    let stopped = false;
    while (step < params.totalSteps) {
      if (shouldStop()) {
        stopped = true;
        break;
      }
      const started = performance.now();
      const result = trainStep(context, data.next(), random, step);
      step += 1;
      const seconds = (performance.now() - started) / 1000;
      trainSeconds += seconds;
      pending.push(
        ...Object.entries({ ...result, imagesPerSecond: (2 * config.batchSize) / seconds }).map(([name, value]) => ({ name, step, value })),
      );
      if (step % params.previewEvery === 0 || step === params.totalSteps) await preview();
      if (step % params.metricsEvery === 0 || step === params.totalSteps) {
        quality = await measureQuality(context, reference);
        pending.push(...Object.entries(quality).map(([name, value]) => ({ name, step, value })));
      }
      if (step % params.checkpointEvery === 0) await checkpoint();
      else if (performance.now() - lastFlush > metricsFlushMs) flush();
      // Lets a cancel request (pause, stop) arrive between steps.
      await new Promise((resolve) => setImmediate(resolve));
    }
    // A pause lands between previews: its checkpoint gets a grid too, for the timeline.
    if (stopped && step % params.previewEvery !== 0) await preview();
    if (lastCheckpointStep !== step) await checkpoint();
    flush();
    return { step, stopped, trainSeconds };
  } finally {
    data.close();
    disposeTrainingContext(context);
  }
}

/** The same latents at every step, so the grids show the model learning rather than new draws. */
async function writePreview(context: TrainingContext, config: GanConfig, path: string): Promise<void> {
  const columns = config.resolution >= 128 ? 6 : 8;
  const seeds = Array.from({ length: columns * columns }, (_, index) => previewSeedBase + index);
  const grid = gridOf(await generatePixels(predictWith(context.ema ?? context.generator), config, latentsForSeeds(config, seeds)), columns);
  await rawImage(grid.pixels, grid.width, grid.height, grid.channels as 1 | 3).png().toFile(path);
}

function checkSameModel(saved: GanConfig, wanted: GanConfig, path: string): void {
  const shape = (config: GanConfig) => JSON.stringify([config.architecture, config.resolution, config.channels, config.latentSize, config.width, config.classes, config.minibatchStd]);
  if (shape(saved) !== shape(wanted)) throw new Error(`${path} holds a different model (${shape(saved)}) from this run's (${shape(wanted)})`);
}

function checkDataFits(data: BatchSource, config: GanConfig, path: string): void {
  const { height, width, channels } = data.header;
  if (height !== config.resolution || width !== config.resolution || channels !== config.channels) {
    throw new Error(`${path} holds ${width}×${height}×${channels} images; the model wants ${config.resolution}×${config.resolution}×${config.channels}`);
  }
}
