import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../../../main/engine/kernels/register';
import { enableWasmThreads } from '../../../../../../main/engine/kernels/threads';
import { defaultCycleGanConfig, defaultPix2pixConfig, type TranslationModelConfig } from '../../../../../../main/engine/models/config';
import type { TrainEvent, TrainingData } from '../../../../../../main/engine/protocol';
import { readCheckpoint } from '../../../../../../main/formats/checkpoint-file';
import { train } from '../../../../../../main/engine/train/loop';
import { shapePairCaches } from '../../../../../fixtures/translation-pairs';

describe('true resume of translation runs (threaded wasm)', () => {
  let data: { A: string; B: string };
  beforeAll(async () => {
    // 12 pairs, 2 held out: 10 to train on, so batches of 2 cross an epoch between steps 5 and 6.
    data = await shapePairCaches(mkdtempSync(join(tmpdir(), 'studio-translation-resume-')), 12, 32);
    expect(await enableWasmThreads()).toMatchObject({ threads: expect.any(Number) });
    registerWasmTrainingKernels();
    await tf.setBackend('wasm');
  });

  /** Trains towards 8 steps, pausing (as the Pause button does) once `pauseAt` steps are taken. */
  const run = async (config: TranslationModelConfig, trainingData: TrainingData, folder: string, resumeFrom: string | null, pauseAt = Infinity) => {
    const events: TrainEvent[] = [];
    const common = { checkpointDir: join(folder, 'checkpoints'), previewDir: join(folder, 'previews'), checkpointEvery: 1000, previewEvery: 1000, metricsEvery: 1000 };
    let taken = 0;
    const shouldStop = () => taken++ >= pauseAt;
    const result = await train({ backend: null, config, seed: 99, totalSteps: 8, data: trainingData, resumeFrom, ...common }, (event) => events.push(event), shouldStop);
    const last = events.filter((event) => event.type === 'checkpoint').at(-1)!;
    return { result, checkpoint: last.type === 'checkpoint' ? last.path : '' };
  };

  const cases: [string, TranslationModelConfig, () => TrainingData][] = [
    // Dropout on, so the resumed run must draw the same masks; the learning rate decays over the run.
    ['pix2pix', { ...defaultPix2pixConfig, resolution: 32, channelsA: 1, channelsB: 3, width: 4, batchSize: 2, heldOut: 2, decayStart: 0.3 }, () => ({ kind: 'domains', ...data })],
    // Colour on both sides; a pool smaller than the steps taken, so it is full and swapping at the break.
    ['CycleGAN', { ...defaultCycleGanConfig, resolution: 32, channelsA: 3, channelsB: 3, width: 4, residualBlocks: 1, batchSize: 2, heldOut: 2, poolSize: 3, decayStart: 0.3 }, () => ({ kind: 'domains', A: data.B, B: data.B })],
  ];

  for (const [name, config, trainingData] of cases) {
    it(`${name}: 8 steps in one go equal 5, a pause, and 3 more, bit for bit (weights, Adam, random state, data position${name === 'CycleGAN' ? ', history pools' : ''})`, async () => {
      const base = mkdtempSync(join(tmpdir(), `studio-resume-${name}-`));
      const straight = await run(config, trainingData(), join(base, 'straight'), null);
      const first = await run(config, trainingData(), join(base, 'split'), null, 5);
      expect(first.result).toMatchObject({ step: 5, stopped: true });
      const resumed = await run(config, trainingData(), join(base, 'split'), first.checkpoint);
      const a = readCheckpoint(straight.checkpoint);
      const b = readCheckpoint(resumed.checkpoint);
      expect(b.state.random).toEqual(a.state.random);
      expect(b.state.data).toEqual(a.state.data);
      expect([...b.tensors.keys()]).toEqual([...a.tensors.keys()]);
      const differing = [...a.tensors].filter(([tensorName, tensor]) => Buffer.compare(Buffer.from(tensor.data.buffer), Buffer.from(b.tensors.get(tensorName)!.data.buffer)) !== 0);
      expect(differing.map(([tensorName]) => tensorName)).toEqual([]);
      const someWeight = [...a.tensors.keys()].find((key) => key.endsWith('/0'))!;
      expect(Array.from(a.tensors.get(someWeight)!.data)).not.toEqual(Array.from(readCheckpoint(first.checkpoint).tensors.get(someWeight)!.data));
    }, 120_000);
  }
});
