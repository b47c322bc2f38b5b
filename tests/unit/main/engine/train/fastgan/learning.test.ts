import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../../../main/engine/random';
import { createFastGanContext, disposeFastGanContext } from '../../../../../../main/engine/train/fastgan/context';
import { trainStep } from '../../../../../../main/engine/train/fastgan/train-step';
import { tinyFastGanConfig, useWasmBackend } from '../../models/fastgan-fixtures';

beforeAll(useWasmBackend);

/** Eight 32×32 images of a white disc of radius 6 on black, each at its own place. */
function discs(): Float32Array[] {
  return Array.from({ length: 8 }, (_, index) => {
    const [row, column] = [8 + (index % 4) * 5, 8 + Math.floor(index / 4) * 14];
    return Float32Array.from({ length: 32 * 32 }, (_, pixel) => (Math.hypot(Math.floor(pixel / 32) - row, (pixel % 32) - column) < 6 ? 1 : -1));
  });
}

describe('FastGAN training', () => {
  it('teaches the discriminator’s decoders to redraw the real images', () => {
    // A raised learning rate, so 30 steps show it; the images un-augmented, so the targets hold still.
    const config = tinyFastGanConfig({ learningRates: { generator: 0.002, discriminator: 0.002 }, augment: null });
    const context = createFastGanContext(config, new SeededRandom(1));
    const random = new SeededRandom(2);
    const images = discs();
    const reconstruction: number[] = [];
    for (let step = 0; step < 30; step++) {
      const pixels = new Float32Array(config.batchSize * 32 * 32);
      for (let index = 0; index < config.batchSize; index++) pixels.set(images[(step * config.batchSize + index) % images.length]!, index * 32 * 32);
      const result = trainStep(context, { images: tf.tensor4d(pixels, [config.batchSize, 32, 32, 1]), labels: null }, random, step);
      for (const value of Object.values(result)) expect(Number.isFinite(value)).toBe(true);
      reconstruction.push(result.reconstruction);
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    // Untrained decoders draw a flat grey (0) against black and white (±1): an error near 1 each, 2 for both.
    expect(mean(reconstruction.slice(0, 5))).toBeGreaterThan(1.7);
    expect(mean(reconstruction.slice(-5))).toBeLessThan(0.7 * mean(reconstruction.slice(0, 5)));
    disposeFastGanContext(context);
  });
});
