/**
 * Image sets for the metric tests: Fashion-MNIST as the real data (Debian's
 * copy, which CI installs too), and seeded perturbations of it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readIdxDataset, type IdxDataset } from '../../../../../main/datasets/sources/idx';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';
import { SeededRandom } from '../../../../../main/engine/random';

const fashionMnistFolder = '/usr/share/datasets/fashion-mnist';
export const hasFashionMnist = existsSync(join(fashionMnistFolder, 't10k-images-idx3-ubyte.gz'));

export function readFashionMnist(split: 'train' | 't10k'): Promise<IdxDataset> {
  return readIdxDataset(join(fashionMnistFolder, `${split}-images-idx3-ubyte.gz`), join(fashionMnistFolder, `${split}-labels-idx1-ubyte.gz`));
}

/** The images at `indices`, as they are: 28×28 grey. */
export function fashionBatch(dataset: IdxDataset, indices: readonly number[]): ImageBatch {
  const { width, height } = dataset;
  const pixels = new Uint8Array(indices.length * width * height);
  indices.forEach((index, position) => pixels.set(dataset.image(index), position * width * height));
  return { pixels, count: indices.length, height, width, channels: 1 };
}

/** The same images padded with their black background to 32×32, so the pyramid halves evenly (32, 16). */
export function padded32(batch: ImageBatch): ImageBatch {
  const margin = (32 - batch.width) / 2;
  const pixels = new Uint8Array(batch.count * 32 * 32);
  for (let image = 0; image < batch.count; image++) {
    for (let row = 0; row < batch.height; row++) {
      const source = (image * batch.height + row) * batch.width;
      pixels.set(batch.pixels.subarray(source, source + batch.width), (image * 32 + row + margin) * 32 + margin);
    }
  }
  return { ...batch, pixels, height: 32, width: 32 };
}

export function range(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, offset) => first + offset);
}

export function withNoise(batch: ImageBatch, greyLevels: number, seed: number): ImageBatch {
  const random = new SeededRandom(seed);
  return { ...batch, pixels: batch.pixels.map((value) => clampByte(value + greyLevels * random.normal())) };
}

export function uniformNoise(like: ImageBatch, seed: number): ImageBatch {
  const random = new SeededRandom(seed);
  return { ...like, pixels: like.pixels.map(() => random.below(256)) };
}

/** A 3×3 box blur per channel (edges average what is inside the image). */
export function blurred(batch: ImageBatch): ImageBatch {
  const { count, height, width, channels } = batch;
  const pixels = new Uint8Array(batch.pixels.length);
  const at = (image: number, row: number, column: number, channel: number) => ((image * height + row) * width + column) * channels + channel;
  for (let image = 0; image < count; image++) {
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        for (let channel = 0; channel < channels; channel++) {
          let sum = 0;
          let taps = 0;
          for (let dy = -1; dy <= 1; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              if (row + dy < 0 || row + dy >= height || column + dx < 0 || column + dx >= width) continue;
              sum += batch.pixels[at(image, row + dy, column + dx, channel)]!;
              taps++;
            }
          }
          pixels[at(image, row, column, channel)] = Math.round(sum / taps);
        }
      }
    }
  }
  return { ...batch, pixels };
}

function clampByte(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}
