/**
 * Explore's generators are split at their first 4×4 feature maps for
 * truncation. FastGAN's later maps take skip connections from earlier ones
 * (skip-layer excitation), so its tail is re-wired from the split rather
 * than replayed as a chain: head then tail must draw what the whole
 * generator draws, and truncation must pull every image toward one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePixels, latentsForSeeds, predictWith, type GeneratorForward } from '../../../../../main/engine/latent/generate';
import { loadGenerator } from '../../../../../main/engine/latent/loaded-generator';
import { forwardOf } from '../../../../../main/engine/latent/render';
import { defaultFastGanConfig, type FastGanConfig } from '../../../../../main/engine/models/config';
import { buildFastGanGenerator } from '../../../../../main/engine/models/fastgan-generator';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { SeededRandom } from '../../../../../main/engine/random';
import { captureState } from '../../../../../main/engine/train/snapshot';
import { writeCheckpoint } from '../../../../../main/formats/checkpoint-file';
import { useCpuBackend } from '../models/ml-fixtures';

beforeAll(useCpuBackend);

/** 64 px: the 64 px maps are gated by the 4×4 ones, so the tail has a branch back to its own input. */
const config: FastGanConfig = { ...defaultFastGanConfig, resolution: 64, channels: 3, classes: 3, latentSize: 8, width: 2, batchSize: 2 };

async function fastGanCheckpoint(): Promise<string> {
  const generator = buildFastGanGenerator(config);
  const random = new SeededRandom(5);
  initialiseWeights(generator, random);
  // Kernels far wider than the N(0, 0.02) a run starts from, so the untrained network draws varied pixels, not flat grey.
  for (const weight of generator.weights.filter((candidate) => candidate.originalName.endsWith('kernel'))) {
    weight.write(tf.tensor(random.fillNormal(new Float32Array(weight.shape.reduce((a, b) => a! * b!, 1)!), 0, 0.3), weight.shape as number[]));
  }
  const path = join(mkdtempSync(join(tmpdir(), 'studio-loaded-')), 'fastgan.lsck');
  const state = { config, seed: 5, step: 0, random: [1, 2, 3, 4] as [number, number, number, number], data: { epoch: 0, index: 0 }, trainSeconds: 0, metrics: {} };
  writeCheckpoint(path, state, await captureState({ networks: [['generator', generator]], optimizers: [] }));
  generator.dispose();
  return path;
}

describe('a loaded FastGAN generator', () => {
  it('draws through its head and re-wired tail exactly what the whole generator draws', async () => {
    const loaded = loadGenerator(await fastGanCheckpoint(), false);
    expect(loaded.generator.layers.some((layer) => layer.name.startsWith('g_64_excite'))).toBe(true);
    const latents = latentsForSeeds(config, [1, 2, 3, 4, 5]);
    const whole = await generatePixels(predictWith(loaded.generator), config, latents);
    const throughTail: GeneratorForward = (noise, labels) => loaded.tail.predict(loaded.head.predict(labels ? [noise, labels] : noise) as tf.Tensor) as tf.Tensor;
    const split = await generatePixels(throughTail, config, latents);
    expect(new Set(whole.pixels).size).toBeGreaterThan(20);
    expect(split.pixels).toEqual(whole.pixels);
  });

  it('truncates: at ψ = 0 every seed of a class draws the same image, at ψ = 0.5 images move toward it', async () => {
    const loaded = loadGenerator(await fastGanCheckpoint(), false);
    const latents = { ...latentsForSeeds(config, [1, 2, 3]), labels: Int32Array.from([1, 1, 1]) };
    const draw = (psi: number) => generatePixels(forwardOf(loaded, psi), config, latents);
    const [full, half, none] = [await draw(1), await draw(0.5), await draw(0)];
    const imageBytes = 64 * 64 * 3;
    const image = (batch: typeof full, index: number) => batch.pixels.subarray(index * imageBytes, (index + 1) * imageBytes);
    expect(image(none, 1)).toEqual(image(none, 0));
    const distance = (a: Uint8Array, b: Uint8Array) => a.reduce((sum, value, index) => sum + Math.abs(value - b[index]!), 0);
    expect(distance(image(half, 0), image(none, 0))).toBeLessThan(distance(image(full, 0), image(none, 0)));
  });
});
