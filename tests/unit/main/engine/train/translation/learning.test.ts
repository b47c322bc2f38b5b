import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { openTensorCache } from '../../../../../../main/formats/tensor-cache';
import { registerWasmTrainingKernels } from '../../../../../../main/engine/kernels/register';
import type { ImageBatch } from '../../../../../../main/engine/metrics/image-batch';
import { imageSimilarity } from '../../../../../../main/engine/metrics/image-similarity';
import { defaultCycleGanConfig, defaultPix2pixConfig, type TranslationModelConfig } from '../../../../../../main/engine/models/config';
import type { TrainingData } from '../../../../../../main/engine/protocol';
import { train } from '../../../../../../main/engine/train/loop';
import { loadTranslator } from '../../../../../../main/engine/translate/loaded-translator';
import { translatePixels } from '../../../../../../main/engine/translate/translate-images';
import { dayCache, shapePairCaches } from '../../../../../fixtures/translation-pairs';

beforeAll(async () => {
  tf.env().set('PROD', true);
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

/** Trains to the end and returns every measurement of `metric` and the last checkpoint. */
async function trainFor(config: TranslationModelConfig, data: TrainingData, steps: number, metric: string): Promise<{ values: number[]; checkpoint: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'studio-translation-learning-'));
  const values: number[] = [];
  const checkpointDir = join(folder, 'checkpoints');
  await train(
    { backend: null, config, seed: 3, totalSteps: steps, data, checkpointDir, previewDir: join(folder, 'previews'), resumeFrom: null, checkpointEvery: steps, previewEvery: steps, metricsEvery: steps / 6 },
    (event) => {
      if (event.type === 'metrics') values.push(...event.values.filter((value) => value.name === metric).map((value) => value.value));
    },
    () => false,
  );
  return { values, checkpoint: join(checkpointDir, readdirSync(checkpointDir).sort().at(-1)!) };
}

describe('translation models learn (wasm)', () => {
  it('pix2pix brings its held-out L1 down on a small synthetic paired set (sketch → coloured shape)', async () => {
    const caches = await shapePairCaches(mkdtempSync(join(tmpdir(), 'studio-shapes-')), 40, 32);
    const config = { ...defaultPix2pixConfig, resolution: 32, channelsA: 1, channelsB: 3, width: 8, heldOut: 4 } as const;
    const { values } = await trainFor(config, { kind: 'domains', ...caches }, 150, 'heldOutL1');
    expect(values).toHaveLength(6);
    // Pixels in [0, 1]: from a grey guess near 0.4 to under 0.7 of that within 150 steps.
    expect(values.at(-1)!).toBeLessThan(0.7 * values[0]!);
  }, 120_000);

  it('CycleGAN trained on two identical domains settles near the identity: each image comes back as itself', async () => {
    const day = await dayCache(mkdtempSync(join(tmpdir(), 'studio-day-')), 40, 32);
    const config = { ...defaultCycleGanConfig, resolution: 32, channelsA: 3, channelsB: 3, width: 8, residualBlocks: 2, heldOut: 4, learningRate: 0.001 } as const;
    const reader = openTensorCache(day);
    const images: ImageBatch = { count: 8, height: 32, width: 32, channels: 3, pixels: reader.readBatch([0, 5, 10, 15, 20, 25, 30, 35]) };
    reader.close();
    const { checkpoint } = await trainFor(config, { kind: 'domains', A: day, B: day }, 160, 'cycleError');
    const untrained = await trainFor(config, { kind: 'domains', A: day, B: day }, 1, 'cycleError');
    const error = (path: string) => {
      const output = translatePixels(loadTranslator(path, 'AtoB').generator, images);
      return { output, l1: imageSimilarity(output, images).l1 };
    };
    const before = error(untrained.checkpoint).l1;
    const after = error(checkpoint);
    expect(after.l1).toBeLessThan(0.15 * before);
    // Each image comes back as itself, not as some average picture: it is nearer its own input than any other image of the set.
    const bytes = 32 * 32 * 3;
    const one = (batch: ImageBatch, index: number): ImageBatch => ({ ...batch, count: 1, pixels: batch.pixels.subarray(index * bytes, (index + 1) * bytes) });
    for (let index = 0; index < images.count; index++) {
      const own = imageSimilarity(one(after.output, index), one(images, index)).l1;
      for (let other = 0; other < images.count; other++) {
        if (other !== index) expect(own).toBeLessThan(imageSimilarity(one(after.output, index), one(images, other)).l1);
      }
    }
  }, 180_000);
});
