/**
 * One image through a translation generator: whole, or — for an image larger
 * than the model — as overlapping tiles of the model's size, blended without
 * seams (tile-plan, tile-blend). Every tile is normalised by the same
 * instance-norm statistics, recorded in one pass over the whole image (or a
 * smaller copy of it), so tiles agree in tone and contrast as if the image had
 * gone through in one piece; only the context a tile cannot see differs, and
 * the blend hides that in the overlaps.
 */
import * as tf from '@tensorflow/tfjs-core';
import { withInferenceFilters } from '../kernels/inference-filters';
import { checkImageBatch, type ImageBatch } from '../metrics/image-batch';
import { channelsOf, sizeMultipleOf, type TranslationModelConfig } from '../models/config';
import { disposeStatistics, recordStatistics, sharedStatistics } from '../models/instance-norm';
import { pixelsOf, tensorOf } from './image-tensors';
import type { LoadedTranslator } from './loaded-translator';
import { TileBlender } from './tile-blend';
import { planTiles, type Tile } from './tile-plan';

export interface TranslateControl {
  readonly onProgress?: (completed: number, total: number) => void;
  /** Checked between batches of tiles; true stops with TranslationStopped. */
  readonly shouldStop?: () => boolean;
}

export class TranslationStopped extends Error {
  constructor() {
    super('Translation was cancelled');
  }
}

/** Tiles through the generator at once: enough to keep the cores busy, few enough to bound memory. */
const tilesPerBatch = 4;

/** The image in one pass; each side must be a multiple of the model's size multiple. */
export function translateWhole(model: LoadedTranslator, image: ImageBatch): ImageBatch {
  checkFits(model, image, 'the image');
  return predictPixels(() => tf.tidy(() => model.generator.predict(tensorOf(image)) as tf.Tensor4D));
}

/** Runs `predict` with the inference filter cache and brings its output back as bytes. */
function predictPixels(predict: () => tf.Tensor4D): ImageBatch {
  const output = withInferenceFilters(predict);
  try {
    return pixelsOf(output);
  } finally {
    output.dispose();
  }
}

/** The image in tiles of the model's size sharing `overlap` pixels, normalised by the statistics of `statistics`. */
export async function translateTiled(model: LoadedTranslator, image: ImageBatch, overlap: number, statistics: ImageBatch, control: TranslateControl = {}): Promise<ImageBatch> {
  checkImageBatch(image, 'the image');
  if (image.count !== 1) throw new RangeError(`one image is translated at a time, not ${image.count}`);
  checkFits(model, statistics, 'the statistics image');
  const { generator, config } = model;
  const outputChannels = channelsOf(config, model.direction).output;
  const plan = planTiles(image.width, image.height, config.resolution, overlap, tileAlignmentOf(config));
  const blender = new TileBlender(plan, outputChannels);
  const recorded = withInferenceFilters(() => recordStatistics(generator, () => tf.tidy(() => void (generator.predict(tensorOf(statistics)) as tf.Tensor).dataSync())));
  try {
    for (let start = 0; start < plan.tiles.length; start += tilesPerBatch) {
      // Lets a cancel message in: on wasm, a prediction never reaches the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      if (control.shouldStop?.()) throw new TranslationStopped();
      const tiles = plan.tiles.slice(start, start + tilesPerBatch);
      const input = cutTiles(image, tiles, config.resolution);
      const output = predictPixels(() => sharedStatistics(generator, recorded.statistics, () => tf.tidy(() => generator.predict(tensorOf(input)) as tf.Tensor4D)));
      const tileBytes = config.resolution * config.resolution * outputChannels;
      tiles.forEach((tile, index) => blender.add(tile, output.pixels, index * tileBytes));
      control.onProgress?.(start + tiles.length, plan.tiles.length);
    }
  } finally {
    disposeStatistics(recorded.statistics);
  }
  return blender.result();
}

/**
 * The grid tiles start on (see tile-plan): the ResNet's two halvings make it
 * exact at 4 pixels; the U-Net halves down to 1×1 or 2×2, so no grid finer than the
 * whole tile is exact, and 16 keeps its four finest levels in phase.
 */
export function tileAlignmentOf(config: TranslationModelConfig): number {
  return config.architecture === 'cyclegan' ? sizeMultipleOf(config) : Math.min(16, config.resolution);
}

function checkFits(model: LoadedTranslator, image: ImageBatch, what: string): void {
  checkImageBatch(image, what);
  const inputChannels = channelsOf(model.config, model.direction).input;
  if (image.channels !== inputChannels) throw new RangeError(`${what} has ${image.channels} channels; the model takes ${inputChannels}`);
  const multiple = sizeMultipleOf(model.config);
  if (image.width % multiple !== 0 || image.height % multiple !== 0) {
    throw new RangeError(`${what} is ${image.width}×${image.height}; this model takes sides that are multiples of ${multiple} whole`);
  }
}

/**
 * The tiles' pixels, size × size each. Where a tile reaches past the image
 * (only along an axis shorter than a tile) it sees the image reflected at the
 * edge, as the networks' own padding does, rather than a flat colour.
 */
function cutTiles(image: ImageBatch, tiles: readonly Tile[], size: number): ImageBatch {
  const { width, height, channels } = image;
  const pixels = new Uint8Array(tiles.length * size * size * channels);
  tiles.forEach((tile, index) => {
    for (let ty = 0; ty < size; ty++) {
      const y = reflectIndex(tile.y + ty, height);
      for (let tx = 0; tx < size; tx++) {
        const from = (y * width + reflectIndex(tile.x + tx, width)) * channels;
        pixels.set(image.pixels.subarray(from, from + channels), ((index * size + ty) * size + tx) * channels);
      }
    }
  });
  return { count: tiles.length, height: size, width: size, channels, pixels };
}

/** `index` mirrored into 0 … length − 1 about the edge pixels (…2 1 0 1 2 … length−2 length−1 length−2 …). */
export function reflectIndex(index: number, length: number): number {
  if (length === 1) return 0;
  const period = 2 * (length - 1);
  const folded = ((index % period) + period) % period;
  return folded < length ? folded : period - folded;
}
