/**
 * Training batches from a prepared dataset (a tensor cache file): a fresh
 * shuffle each epoch, read with positioned reads so a 600 MB cache never sits
 * in memory. Each epoch's order comes from its own generator seeded by the
 * run's seed and the epoch number, so the position (epoch, index) alone says
 * what comes next — which is all a checkpoint needs to store.
 */
import * as tf from '@tensorflow/tfjs-core';
import { openTensorCache, type TensorCacheReader } from '../../datasets/tensor-cache';
import { SeededRandom } from '../random';

export interface DataPosition {
  readonly epoch: number;
  /** Examples of this epoch already used. */
  readonly index: number;
}

export interface Batch {
  /** [batch, height, width, channels] in [-1, 1]. */
  readonly images: tf.Tensor4D;
  /** [batch] class indexes, or null for an unlabelled dataset. */
  readonly labels: tf.Tensor1D | null;
}

export class BatchSource {
  readonly #reader: TensorCacheReader;
  readonly #batchSize: number;
  readonly #seed: number;
  #position: DataPosition;
  #order: Uint32Array;

  constructor(cachePath: string, batchSize: number, seed: number, position: DataPosition = { epoch: 0, index: 0 }) {
    this.#reader = openTensorCache(cachePath);
    const { count } = this.#reader.header;
    if (count < batchSize) {
      this.#reader.close();
      throw new Error(`${cachePath} holds ${count} images, fewer than one batch of ${batchSize}: lower the batch size or import more images`);
    }
    this.#batchSize = batchSize;
    this.#seed = seed;
    this.#position = position;
    this.#order = this.#orderOf(position.epoch);
  }

  get header() {
    return this.#reader.header;
  }

  get position(): DataPosition {
    return this.#position;
  }

  /** The next batch; an epoch's last partial batch is skipped, so every batch has the same size. */
  next(): Batch {
    let { epoch, index } = this.#position;
    if (index + this.#batchSize > this.#order.length) {
      epoch += 1;
      index = 0;
      this.#order = this.#orderOf(epoch);
    }
    const indices = Array.from(this.#order.subarray(index, index + this.#batchSize));
    this.#position = { epoch, index: index + this.#batchSize };
    return this.#batchOf(indices);
  }

  /** A fixed, evenly spread sample of the dataset (for metrics), as uint8 NHWC. */
  sample(count: number): { pixels: Uint8Array; count: number } {
    const total = this.#reader.header.count;
    const take = Math.min(count, total);
    const indices = Array.from({ length: take }, (_, n) => Math.floor((n * total) / take));
    return { pixels: this.#reader.readBatch(indices), count: take };
  }

  close(): void {
    this.#reader.close();
  }

  #orderOf(epoch: number): Uint32Array {
    return new SeededRandom((this.#seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0).permutation(this.#reader.header.count);
  }

  #batchOf(indices: readonly number[]): Batch {
    const { height, width, channels, labels } = this.#reader.header;
    const pixels = this.#reader.readBatch(indices);
    const images = tf.tidy(() => tf.sub(tf.div(tf.tensor4d(Float32Array.from(pixels), [indices.length, height, width, channels]), 127.5), 1) as tf.Tensor4D);
    const batchLabels = labels ? tf.tensor1d(indices.map((index) => labels[index] ?? 0), 'int32') : null;
    return { images, labels: batchLabels };
  }
}
