import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmTrainingKernels } from '../../../../../main/engine/kernels/register';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';
import { defaultCycleGanConfig, defaultPix2pixConfig, type TranslationModelConfig } from '../../../../../main/engine/models/config';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { buildTranslationGenerator } from '../../../../../main/engine/models/translation';
import { SeededRandom } from '../../../../../main/engine/random';
import type { LoadedTranslator } from '../../../../../main/engine/translate/loaded-translator';
import { reflectIndex, translateTiled, translateWhole, TranslationStopped } from '../../../../../main/engine/translate/translate-image';
import { dayAndNight } from '../../../../fixtures/translation-pairs';

beforeAll(async () => {
  tf.env().set('PROD', true);
  registerWasmTrainingKernels();
  await tf.setBackend('wasm');
});

/** A model with seeded starting weights: translation is a fixed function of the image either way. */
function translator(config: TranslationModelConfig): LoadedTranslator {
  const generator = buildTranslationGenerator(config, 'AtoB');
  initialiseWeights(generator, new SeededRandom(1));
  return { config, direction: 'AtoB', generator };
}

const cyclegan = { ...defaultCycleGanConfig, resolution: 64, channelsA: 3, channelsB: 3, width: 8, residualBlocks: 2, heldOut: 1 } as const;
const pix2pix = { ...defaultPix2pixConfig, resolution: 64, channelsA: 3, channelsB: 3, width: 8, heldOut: 1 } as const;

/** A 192×128 landscape: three model squares wide, two high, so it also goes through whole. */
function landscape(width = 192, height = 128): ImageBatch {
  return { count: 1, height, width, channels: 3, pixels: Uint8Array.from(dayAndNight(5, width).day.subarray(0, width * height * 3)) };
}

const meanDifference = (a: ImageBatch, b: ImageBatch) => a.pixels.reduce((sum, value, index) => sum + Math.abs(value - b.pixels[index]!), 0) / a.pixels.length;

/**
 * How much sharper the tiled image's edges are than the whole one's, at the
 * worst column or row: a seam is an edge the whole translation does not have.
 * Each column's (row's) mean |difference to the next| over the other axis and the channels.
 */
function worstSeam(tiled: ImageBatch, whole: ImageBatch): number {
  const { width, height, channels } = whole;
  const at = (image: ImageBatch, x: number, y: number, c: number) => image.pixels[(y * width + x) * channels + c]!;
  const profile = (image: ImageBatch, alongX: boolean) =>
    Array.from({ length: (alongX ? width : height) - 1 }, (_, i) => {
      let sum = 0;
      for (let j = 0; j < (alongX ? height : width); j++) {
        for (let c = 0; c < channels; c++) sum += alongX ? Math.abs(at(image, i + 1, j, c) - at(image, i, j, c)) : Math.abs(at(image, j, i + 1, c) - at(image, j, i, c));
      }
      return sum / ((alongX ? height : width) * channels);
    });
  return Math.max(...[true, false].flatMap((alongX) => profile(tiled, alongX).map((value, index) => value - profile(whole, alongX)[index]!)));
}

describe('tiled translation', () => {
  it('of one tile the size of the image is the whole translation exactly', async () => {
    const model = translator(cyclegan);
    const image = landscape(64, 64);
    expect(Array.from((await translateTiled(model, image, 16, image)).pixels)).toEqual(Array.from(translateWhole(model, image).pixels));
  });

  it('of an image that also fits whole matches the whole translation closely and shows no seam (CycleGAN ResNet)', async () => {
    const model = translator(cyclegan);
    const image = landscape();
    const whole = translateWhole(model, image);
    const tiled = await translateTiled(model, image, 32, image);
    expect(meanDifference(tiled, whole)).toBeLessThan(2);
    expect(worstSeam(tiled, whole)).toBeLessThan(1.5);
    // The check can fail: tiles butted together without overlap show their seams.
    const butted = await translateTiled(model, image, 0, image);
    expect(worstSeam(butted, whole)).toBeGreaterThan(2);
  });

  it('of an image that also fits whole stays near the whole translation and shows no seam (pix2pix U-Net)', async () => {
    // A U-Net sees the whole image at its bottleneck, which no tile can: the match is looser than the ResNet's.
    const model = translator(pix2pix);
    const image = landscape();
    const whole = translateWhole(model, image);
    const tiled = await translateTiled(model, image, 32, image);
    // About 6 grey levels at these starting weights (4 with nearest resizing, whose blocks mix less): the whole image gives the 2×2 bottleneck more context than a tile's.
    expect(meanDifference(tiled, whole)).toBeLessThan(7);
    expect(worstSeam(tiled, whole)).toBeLessThan(1);
  });

  it('takes an image smaller than a tile along one side, seeing it reflected beyond its edge', async () => {
    const model = translator(cyclegan);
    const tiled = await translateTiled(model, landscape(150, 40), 16, landscape(64, 64));
    expect([tiled.width, tiled.height, tiled.channels]).toEqual([150, 40, 3]);
    expect(reflectIndex(-1, 5)).toBe(1);
    expect(reflectIndex(5, 5)).toBe(3);
    expect(reflectIndex(-9, 5)).toBe(1);
  });

  it('reports progress by tile and stops between tiles when asked', async () => {
    const model = translator(cyclegan);
    const image = landscape();
    const progress: [number, number][] = [];
    await translateTiled(model, image, 32, image, { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1]);
    let asked = 0;
    await expect(translateTiled(model, image, 32, image, { shouldStop: () => ++asked > 1 })).rejects.toBeInstanceOf(TranslationStopped);
  });

  it('refuses a whole image whose sides the network cannot halve down', () => {
    expect(() => translateWhole(translator(pix2pix), landscape(96, 64))).toThrow(/multiples of 64/);
  });
});
