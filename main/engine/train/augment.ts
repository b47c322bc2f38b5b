/**
 * Differentiable augmentation (DiffAugment, Zhao et al. 2020): the same
 * random colour, translation and cutout are applied to every image the
 * discriminator sees, real and fake, so it cannot overfit a small dataset and
 * the generator still learns to make un-augmented images, since the gradient
 * flows back through the augmentation.
 *
 * The randomness is drawn up front, on the CPU, from the run's SeededRandom
 * (sampleAugmentParams), and applying it (augment) is a pure function of the
 * images and those numbers: a resumed run repeats it exactly.
 *
 * Every op here has a gradient with a gradient of its own (R1 differentiates
 * through the augmentation twice), and every one runs on the wasm backend:
 * translation is a product with shift matrices rather than a gather.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AugmentConfig } from '../models/config';
import type { SeededRandom } from '../random';

export interface ColourParams {
  /** Added to every pixel, in [−0.5, 0.5). */
  readonly brightness: Float32Array;
  /** Scales each pixel's distance from its grey, in [0, 2). */
  readonly saturation: Float32Array;
  /** Scales each pixel's distance from the image's mean, in [0.5, 1.5). */
  readonly contrast: Float32Array;
}

export interface TranslationParams {
  /** Whole pixels down (negative: up), in [−s, s] with s = resolution / 8. */
  readonly rows: Int32Array;
  /** Whole pixels right (negative: left), in the same range. */
  readonly columns: Int32Array;
}

export interface CutoutParams {
  /** Centre of the blanked square, in [0, resolution]; the square may hang over the edge. */
  readonly rows: Int32Array;
  readonly columns: Int32Array;
}

/** One value per image for each augmentation that is on; null for one that is off. */
export interface AugmentParams {
  readonly colour: ColourParams | null;
  readonly translation: TranslationParams | null;
  readonly cutout: CutoutParams | null;
}

export const noAugmentation: AugmentParams = { colour: null, translation: null, cutout: null };

/** The largest shift, an eighth of the side, as in DiffAugment. */
export function maxShift(resolution: number): number {
  return Math.round(resolution / 8);
}

/** The blanked square's side: half the image's, as in DiffAugment. */
export function cutoutSize(resolution: number): number {
  return Math.round(resolution / 2);
}

/** Draws all of one batch's augmentation, in a fixed order: colour, translation, cutout. */
export function sampleAugmentParams(random: SeededRandom, batchSize: number, resolution: number, config: AugmentConfig | null): AugmentParams {
  const perImage = <T extends Float32Array | Int32Array>(target: T, draw: () => number): T => {
    for (let index = 0; index < batchSize; index++) target[index] = draw();
    return target;
  };
  const colour = config?.colour
    ? {
        brightness: perImage(new Float32Array(batchSize), () => random.uniform() - 0.5),
        saturation: perImage(new Float32Array(batchSize), () => random.uniform() * 2),
        contrast: perImage(new Float32Array(batchSize), () => random.uniform() + 0.5),
      }
    : null;
  const shift = maxShift(resolution);
  const translation = config?.translation
    ? {
        rows: perImage(new Int32Array(batchSize), () => random.below(2 * shift + 1) - shift),
        columns: perImage(new Int32Array(batchSize), () => random.below(2 * shift + 1) - shift),
      }
    : null;
  const cutout = config?.cutout
    ? {
        rows: perImage(new Int32Array(batchSize), () => random.below(resolution + 1)),
        columns: perImage(new Int32Array(batchSize), () => random.below(resolution + 1)),
      }
    : null;
  return { colour, translation, cutout };
}

/** Applies `params` to images [batch, height, width, channels] in [−1, 1], in DiffAugment's order. */
export function augment(images: tf.Tensor4D, params: AugmentParams): tf.Tensor4D {
  return tf.tidy(() => {
    let result = images;
    if (params.colour) result = adjustColour(result, params.colour);
    if (params.translation) result = translate(result, params.translation);
    if (params.cutout) result = cutOut(result, params.cutout);
    return result;
  });
}

function adjustColour(images: tf.Tensor4D, { brightness, saturation, contrast }: ColourParams): tf.Tensor4D {
  const perImage = (values: Float32Array) => tf.tensor4d(checkedLength(values, images), [values.length, 1, 1, 1]);
  const towards = (x: tf.Tensor4D, mean: tf.Tensor, factor: tf.Tensor): tf.Tensor4D => tf.add(tf.mul(tf.sub(x, mean), factor), mean);
  let x: tf.Tensor4D = tf.add(images, perImage(brightness));
  x = towards(x, tf.mean(x, 3, true), perImage(saturation));
  return towards(x, tf.mean(x, [1, 2, 3], true), perImage(contrast));
}

function translate(images: tf.Tensor4D, { rows, columns }: TranslationParams): tf.Tensor4D {
  const shiftedDown = shiftRows(images, checkedLength(rows, images));
  // Columns are rows of the transposed images.
  return tf.transpose(shiftRows(tf.transpose(shiftedDown, [0, 2, 1, 3]), checkedLength(columns, images)), [0, 2, 1, 3]);
}

/** Moves image b's rows down by shifts[b], filling with zeros: a product with a shifted identity matrix. */
function shiftRows(images: tf.Tensor4D, shifts: Int32Array): tf.Tensor4D {
  const [batch, height, width, channels] = images.shape;
  const matrices = new Float32Array(batch * height * height);
  for (let image = 0; image < batch; image++) {
    for (let row = 0; row < height; row++) {
      const source = row - shifts[image]!;
      if (source >= 0 && source < height) matrices[(image * height + row) * height + source] = 1;
    }
  }
  const shifted = tf.matMul(tf.tensor3d(matrices, [batch, height, height]), tf.reshape(images, [batch, height, width * channels]));
  return tf.reshape(shifted, [batch, height, width, channels]);
}

function cutOut(images: tf.Tensor4D, { rows, columns }: CutoutParams): tf.Tensor4D {
  const [batch, height, width] = images.shape;
  checkedLength(rows, images);
  checkedLength(columns, images);
  const size = cutoutSize(height);
  const mask = new Float32Array(batch * height * width).fill(1);
  for (let image = 0; image < batch; image++) {
    const top = rows[image]! - Math.floor(size / 2);
    const left = columns[image]! - Math.floor(size / 2);
    for (let row = Math.max(0, top); row < Math.min(height, top + size); row++) {
      mask.fill(0, (image * height + row) * width + Math.max(0, left), (image * height + row) * width + Math.min(width, left + size));
    }
  }
  return tf.mul(images, tf.tensor4d(mask, [batch, height, width, 1]));
}

function checkedLength<T extends Float32Array | Int32Array>(values: T, images: tf.Tensor4D): T {
  if (values.length !== images.shape[0]) throw new Error(`augmentation drawn for ${values.length} images applied to a batch of ${images.shape[0]}`);
  return values;
}
