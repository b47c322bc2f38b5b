/**
 * Runs a generator in inference mode over latents held as plain arrays, in
 * batches, and returns 8-bit pixels: what previews, samples and quality
 * metrics all need. Nothing here draws random numbers.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageBatch } from '../metrics/image-batch';
import type { ImageGanConfig } from '../models/config';
import { seedClass, seedVector } from './seed-latent';

export interface Latents {
  readonly count: number;
  /** count × latentSize normal draws. */
  readonly noise: Float32Array;
  /** A class for each image of a conditional model; null otherwise. */
  readonly labels: Int32Array | null;
}


const batchSize = 32;

/** The latent of seed s is the first draws of SeededRandom(s): one seed, one image, in any process. */
export function latentsForSeeds(config: ImageGanConfig, seeds: readonly number[]): Latents {
  const noise = new Float32Array(seeds.length * config.latentSize);
  seeds.forEach((seed, index) => noise.set(seedVector(seed, config.latentSize), index * config.latentSize));
  const labels = config.classes > 0 ? Int32Array.from(seeds, (seed) => seedClass(seed, config.classes)!) : null;
  return { count: seeds.length, noise, labels };
}

/** One batch through a generator: noise [n, latentSize] (and labels [n]) → images [n, h, w, c] in [-1, 1]. */
export type GeneratorForward = (noise: tf.Tensor2D, labels: tf.Tensor1D | null) => tf.Tensor;

export interface GenerateControl {
  readonly onBatch?: (completed: number, total: number) => void;
  /** Checked between batches; true stops with GenerationStopped. */
  readonly shouldStop?: () => boolean;
}

export class GenerationStopped extends Error {
  constructor() {
    super('Generation was cancelled');
  }
}

/** The generator model as it is, in inference mode. */
export function predictWith(generator: tfl.LayersModel): GeneratorForward {
  return (noise, labels) => generator.predict(labels ? [noise, labels] : noise) as tf.Tensor;
}

/**
 * Images as uint8 NHWC, values 0–255. Between batches it yields to the event
 * loop: on the wasm backend a batch never does, and a cancel message would
 * otherwise wait until every batch was drawn.
 */
export async function generatePixels(forward: GeneratorForward, config: ImageGanConfig, latents: Latents, control: GenerateControl = {}): Promise<ImageBatch> {
  const { resolution, channels, latentSize } = config;
  const imageBytes = resolution * resolution * channels;
  const data = new Uint8Array(latents.count * imageBytes);
  for (let start = 0; start < latents.count; start += batchSize) {
    if (start > 0) await new Promise((resolve) => setImmediate(resolve));
    if (control.shouldStop?.()) throw new GenerationStopped();
    const size = Math.min(batchSize, latents.count - start);
    const batch = tf.tidy(() => {
      const noise = tf.tensor2d(latents.noise.subarray(start * latentSize, (start + size) * latentSize), [size, latentSize]);
      const labels = latents.labels ? tf.tensor1d(latents.labels.subarray(start, start + size), 'int32') : null;
      return imagesToPixels(forward(noise, labels));
    });
    data.set(batch.dataSync(), start * imageBytes);
    batch.dispose();
    control.onBatch?.(start + size, latents.count);
  }
  return { count: latents.count, height: resolution, width: resolution, channels, pixels: data };
}

/** Generator output in [-1, 1] → bytes 0–255 (an int32 tensor). */
export function imagesToPixels(images: tf.Tensor): tf.Tensor {
  return tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(images, 1), 127.5)), 0, 255), 'int32');
}

/** Lays images out in a grid, `columns` wide, with a 2-pixel gap. */
export function gridOf(images: ImageBatch, columns: number): ImageBatch {
  const gap = 2;
  const rows = Math.ceil(images.count / columns);
  const { height, width, channels } = images;
  const gridWidth = columns * width + (columns - 1) * gap;
  const gridHeight = rows * height + (rows - 1) * gap;
  const data = new Uint8Array(gridWidth * gridHeight * channels).fill(24);
  const imageBytes = height * width * channels;
  for (let index = 0; index < images.count; index++) {
    const left = (index % columns) * (width + gap);
    const top = Math.floor(index / columns) * (height + gap);
    for (let y = 0; y < height; y++) {
      const from = index * imageBytes + y * width * channels;
      data.set(images.pixels.subarray(from, from + width * channels), ((top + y) * gridWidth + left) * channels);
    }
  }
  return { count: 1, height: gridHeight, width: gridWidth, channels, pixels: data };
}
