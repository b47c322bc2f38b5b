/**
 * Training batches from prepared datasets (tensor cache files): a fresh
 * shuffle each epoch, read with positioned reads so a 600 MB cache never sits
 * in memory. Each epoch's order comes from its own generator seeded by the
 * run's seed and the epoch number, so the position (epoch, index) alone says
 * what comes next — which is all a checkpoint needs to store.
 */
import * as tf from '@tensorflow/tfjs-core';
import { openTensorCache, type TensorCacheReader } from '../../formats/tensor-cache';
import { SeededRandom } from '../random';

export interface DataPosition {
  readonly epoch: number;
  /** Examples of this epoch already used. */
  readonly index: number;
}

export const startOfData: DataPosition = { epoch: 0, index: 0 };

export interface Batch {
  /** [batch, height, width, channels] in [-1, 1]. */
  readonly images: tf.Tensor4D;
  /** [batch] class indexes, or null for an unlabelled dataset. */
  readonly labels: tf.Tensor1D | null;
}

/**
 * Which examples come next: the training examples (indexes into a cache) in a
 * fresh shuffle each epoch. An epoch's last partial batch is skipped, so every
 * batch has the same size.
 */
export class ExampleOrder {
  readonly #examples: Uint32Array;
  readonly #batchSize: number;
  readonly #seed: number;
  #position: DataPosition;
  #order: Uint32Array;

  constructor(examples: Uint32Array, batchSize: number, seed: number, position: DataPosition = startOfData) {
    this.#examples = examples;
    this.#batchSize = batchSize;
    this.#seed = seed;
    this.#position = position;
    this.#order = this.#orderOf(position.epoch);
  }

  get position(): DataPosition {
    return this.#position;
  }

  /** The cache indexes of the next batch. */
  next(): number[] {
    let { epoch, index } = this.#position;
    if (index + this.#batchSize > this.#order.length) {
      epoch += 1;
      index = 0;
      this.#order = this.#orderOf(epoch);
    }
    this.#position = { epoch, index: index + this.#batchSize };
    return Array.from(this.#order.subarray(index, index + this.#batchSize), (position) => this.#examples[position]!);
  }

  #orderOf(epoch: number): Uint32Array {
    return new SeededRandom((this.#seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0).permutation(this.#examples.length);
  }
}

/** Every example of a cache of `count`, in order. */
export function allExamples(count: number): Uint32Array {
  return Uint32Array.from({ length: count }, (_, index) => index);
}

/**
 * Splits a cache's examples into training and held-out ones: `heldOut`
 * examples spread evenly through it (every k-th), the rest for training. The
 * split depends on the counts alone, so a resumed run holds out the same ones.
 */
export function splitHeldOut(count: number, heldOut: number): { training: Uint32Array; heldOut: Uint32Array } {
  if (!Number.isInteger(heldOut) || heldOut < 0 || heldOut >= count) throw new Error(`cannot hold out ${heldOut} of ${count} examples`);
  const kept = Uint32Array.from({ length: heldOut }, (_, n) => Math.floor(((n + 0.5) * count) / heldOut));
  const isKept = new Set(kept);
  return { training: allExamples(count).filter((index) => !isKept.has(index)), heldOut: kept };
}

/** Examples of a cache as [n, h, w, c] floats in [-1, 1]. */
export function readImages(reader: TensorCacheReader, indices: readonly number[]): tf.Tensor4D {
  const { height, width, channels } = reader.header;
  const pixels = reader.readBatch(indices);
  return tf.tidy(() => tf.sub(tf.div(tf.tensor4d(Float32Array.from(pixels), [indices.length, height, width, channels]), 127.5), 1) as tf.Tensor4D);
}

/** A DCGAN's data: every image of one cache (with its class), batch after batch. */
export class BatchSource {
  readonly #reader: TensorCacheReader;
  readonly #order: ExampleOrder;

  constructor(cachePath: string, batchSize: number, seed: number, position: DataPosition = startOfData) {
    this.#reader = openTensorCache(cachePath);
    const { count } = this.#reader.header;
    if (count < batchSize) {
      this.#reader.close();
      throw new Error(`${cachePath} holds ${count} images, fewer than one batch of ${batchSize}: lower the batch size or import more images`);
    }
    this.#order = new ExampleOrder(allExamples(count), batchSize, seed, position);
  }

  get header() {
    return this.#reader.header;
  }

  get position(): DataPosition {
    return this.#order.position;
  }

  next(): Batch {
    const indices = this.#order.next();
    const { labels } = this.#reader.header;
    return { images: readImages(this.#reader, indices), labels: labels ? tf.tensor1d(indices.map((index) => labels[index] ?? 0), 'int32') : null };
  }

  /** A fixed, evenly spread sample of the dataset (for metrics), as uint8 NHWC. */
  sample(count: number): { pixels: Uint8Array; count: number } {
    const total = this.#reader.header.count;
    const take = Math.min(count, total);
    const indices = Array.from({ length: take }, (_, n) => Math.floor((n * total) / take));
    return { pixels: this.#reader.readBatch(indices), count: take };
  }

  /**
   * Up to `count` examples of each of `classes` classes, evenly spread through
   * that class's examples, as uint8 NHWC (index = class; null where the class
   * has none): the per-class references of a conditional model's metrics.
   * Unlabelled examples belong to no class.
   */
  sampleEachClass(count: number, classes: number): ({ pixels: Uint8Array; count: number } | null)[] {
    const labels = this.#reader.header.labels ?? [];
    return Array.from({ length: classes }, (_, label) => {
      const members = labels.flatMap((value, index) => (value === label ? [index] : []));
      if (members.length === 0) return null;
      const take = Math.min(count, members.length);
      const indices = Array.from({ length: take }, (_, n) => members[Math.floor((n * members.length) / take)]!);
      return { pixels: this.#reader.readBatch(indices), count: take };
    });
  }

  close(): void {
    this.#reader.close();
  }
}
