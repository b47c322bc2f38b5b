/**
 * The training loop: the I/O around a model family's one-step trainer. Every
 * random number comes from the run's generator in a fixed order, so a run
 * stopped at step N and resumed from its checkpoint takes exactly the steps
 * it would have taken; previews and metrics use fixed latents or held-out
 * examples of their own and never touch that order.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { rawImage } from '../../images/raw-image';
import type { ModelConfig } from '../models/config';
import type { TrainEvent, TrainParams, TrainResult } from '../protocol';
import { SeededRandom } from '../random';
import { readCheckpoint, writeCheckpoint } from '../../formats/checkpoint-file';
import { captureState, restoreState } from './snapshot';
import { createTrainee } from './trainees';

/** Step metrics reach the main process at most this often. */
const metricsFlushMs = 500;

export async function train(params: TrainParams, emit: (event: TrainEvent) => void, shouldStop: () => boolean): Promise<TrainResult> {
  const { config } = params;
  const resumed = params.resumeFrom ? readCheckpoint(params.resumeFrom) : null;
  if (resumed) checkSameModel(resumed.state.config, config, params.resumeFrom!);
  const random = new SeededRandom(params.seed);
  const trainee = createTrainee(config, params.data, params.seed, random, resumed?.state.data);
  try {
    if (resumed) {
      await restoreState(trainee, resumed.tensors);
      trainee.restoreExtra(resumed.tensors);
      random.state = resumed.state.random;
    }
    mkdirSync(params.checkpointDir, { recursive: true });
    mkdirSync(params.previewDir, { recursive: true });

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
      const state = { config, seed: params.seed, step, random: random.state, data: trainee.dataState, trainSeconds, metrics: quality };
      const { size, sha256 } = writeCheckpoint(path, state, [...(await captureState(trainee)), ...trainee.extraTensors()]);
      lastCheckpointStep = step;
      emit({ type: 'checkpoint', step, path, size, sha256, metrics: quality });
    };
    const preview = async () => {
      const path = join(params.previewDir, `step-${String(step).padStart(8, '0')}.png`);
      const grid = await trainee.preview();
      await rawImage(grid.pixels, grid.width, grid.height, grid.channels as 1 | 3).png().toFile(path);
      emit({ type: 'preview', step, path });
    };

    let stopped = false;
    while (step < params.totalSteps) {
      if (shouldStop()) {
        stopped = true;
        break;
      }
      const started = performance.now();
      const result = trainee.step(step, params.totalSteps);
      step += 1;
      const seconds = (performance.now() - started) / 1000;
      trainSeconds += seconds;
      pending.push(...Object.entries({ ...result, imagesPerSecond: trainee.imagesPerStep / seconds }).map(([name, value]) => ({ name, step, value })));
      if (step % params.previewEvery === 0 || step === params.totalSteps) await preview();
      if (step % params.metricsEvery === 0 || step === params.totalSteps) {
        quality = await trainee.measure();
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
    trainee.dispose();
  }
}

/** The fields that decide the models' shapes; anything else (rates, weights) may differ on resume. */
function shapeOf(config: ModelConfig): unknown[] {
  switch (config.architecture) {
    case 'dcgan':
      return [config.architecture, config.resolution, config.channels, config.latentSize, config.width, config.classes, config.upsample, config.minibatchStd];
    case 'fastgan':
      return [config.architecture, config.resolution, config.channels, config.latentSize, config.width, config.classes];
    case 'pix2pix':
      return [config.architecture, config.resolution, config.channelsA, config.channelsB, config.width, config.upsample, config.padding, config.direction];
    case 'cyclegan':
      return [config.architecture, config.resolution, config.channelsA, config.channelsB, config.width, config.upsample, config.padding, config.residualBlocks, config.poolSize];
  }
}

function checkSameModel(saved: ModelConfig, wanted: ModelConfig, path: string): void {
  const [before, after] = [JSON.stringify(shapeOf(saved)), JSON.stringify(shapeOf(wanted))];
  if (before !== after) throw new Error(`${path} holds a different model (${before}) from this run's (${after})`);
}
