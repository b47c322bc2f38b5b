/**
 * The image pool of CycleGAN (Shrivastava et al. 2017; Zhu et al. 2017): the
 * discriminators also see translations from earlier steps, so they do not
 * chase the generator's latest output alone, which makes training oscillate.
 *
 * Until it is full each new image goes in and is used as it is; after that,
 * each new image has an even chance of being used, or of taking the place of
 * a random older one, which is used instead. The choices come from the run's
 * SeededRandom and the pool is part of a checkpoint, so a resumed run goes on
 * exactly as it would have.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { StoredTensor } from '../../../formats/checkpoint-file';
import type { SeededRandom } from '../../random';

export class HistoryPool {
  readonly #capacity: number;
  readonly #imageShape: readonly [number, number, number];
  readonly #images: Float32Array[] = [];

  constructor(capacity: number, imageShape: readonly [number, number, number]) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`a history pool holds a whole number of images, not ${capacity}`);
    this.#capacity = capacity;
    this.#imageShape = imageShape;
  }

  get size(): number {
    return this.#images.length;
  }

  /** What the discriminator sees for `images` [n, h, w, c]: a new tensor, each image new or from the pool. */
  query(images: tf.Tensor4D, random: SeededRandom): tf.Tensor4D {
    if (this.#capacity === 0) return tf.clone(images);
    const [count, height, width, channels] = images.shape;
    const imageSize = height * width * channels;
    const values = images.dataSync() as Float32Array;
    const chosen = new Float32Array(values.length);
    for (let index = 0; index < count; index++) {
      const image = values.slice(index * imageSize, (index + 1) * imageSize);
      let used: Float32Array = image;
      if (this.#images.length < this.#capacity) {
        this.#images.push(image);
      } else if (random.uniform() > 0.5) {
        const replaced = random.below(this.#capacity);
        used = this.#images[replaced]!;
        this.#images[replaced] = image;
      }
      chosen.set(used, index * imageSize);
    }
    return tf.tensor4d(chosen, [count, height, width, channels]);
  }

  /** The pool as one checkpoint tensor, [size, h, w, c]. */
  stored(name: string): StoredTensor {
    const imageSize = this.#imageShape[0] * this.#imageShape[1] * this.#imageShape[2];
    const data = new Float32Array(this.#images.length * imageSize);
    this.#images.forEach((image, index) => data.set(image, index * imageSize));
    return { name, shape: [this.#images.length, ...this.#imageShape], dtype: 'float32', data };
  }

  restore(tensor: StoredTensor): void {
    const [size, ...shape] = tensor.shape;
    if (shape.length !== 3 || shape.some((length, axis) => length !== this.#imageShape[axis]) || size === undefined || size > this.#capacity) {
      throw new Error(`the checkpoint's history pool ${tensor.name} is [${tensor.shape}], not up to ${this.#capacity} images of [${this.#imageShape}]`);
    }
    const imageSize = tensor.data.length / Math.max(1, size);
    this.#images.length = 0;
    for (let index = 0; index < size; index++) this.#images.push(Float32Array.from(tensor.data.subarray(index * imageSize, (index + 1) * imageSize)));
  }
}
