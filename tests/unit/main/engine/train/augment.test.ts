import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../../main/engine/random';
import { augment, cutoutSize, maxShift, noAugmentation, sampleAugmentParams, type AugmentParams } from '../../../../../main/engine/train/augment';
import { seededNormal, useCpuBackend } from '../models/ml-fixtures';

beforeAll(useCpuBackend);

const all = { translation: true, cutout: true, colour: true };

/** Runs augment on `images` and hands back its pixels as [image][row][column][channel]. */
function augmented(images: tf.Tensor4D, params: AugmentParams): number[][][][] {
  return tf.tidy(() => augment(images, params).arraySync());
}

const ones = (batch: number, size: number, channels = 1) => tf.ones([batch, size, size, channels]) as tf.Tensor4D;
const zeroCount = (image: number[][][]) => image.flat(2).filter((value) => value === 0).length;

describe('DiffAugment', () => {
  it('keeps the shape and frees everything it makes', () => {
    const images = seededNormal([4, 32, 32, 3], 1) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const result = augment(images, sampleAugmentParams(new SeededRandom(1), 4, 32, all));
    expect(result.shape).toEqual([4, 32, 32, 3]);
    result.dispose();
    expect(tf.memory().numTensors).toBe(before);
    images.dispose();
  });

  it('is the identity with no augmentation', () => {
    const images = seededNormal([2, 32, 32, 3], 2) as tf.Tensor4D;
    const params = sampleAugmentParams(new SeededRandom(1), 2, 32, null);
    expect(params).toEqual(noAugmentation);
    expect(augmented(images, params)).toEqual(images.arraySync());
    expect(sampleAugmentParams(new SeededRandom(1), 2, 32, { translation: false, cutout: false, colour: false })).toEqual(noAugmentation);
    images.dispose();
  });

  it('draws within DiffAugment’s ranges, the same for the same seed', () => {
    const params = sampleAugmentParams(new SeededRandom(5), 256, 64, all);
    expect(params).toEqual(sampleAugmentParams(new SeededRandom(5), 256, 64, all));
    const { colour, translation, cutout } = params;
    const within = (values: ArrayLike<number>, low: number, high: number) => Array.from(values).every((value) => value >= low && value <= high);
    expect(within(colour!.brightness, -0.5, 0.5) && within(colour!.saturation, 0, 2) && within(colour!.contrast, 0.5, 1.5)).toBe(true);
    expect(maxShift(64)).toBe(8);
    expect(within(translation!.rows, -8, 8) && within(translation!.columns, -8, 8)).toBe(true);
    expect(new Set(translation!.rows).size).toBe(17); // every shift from −8 to 8 turns up in 256 draws
    expect(within(cutout!.rows, 0, 64) && within(cutout!.columns, 0, 64)).toBe(true);
  });

  it('translates each image by its own shift, filling with zeros', () => {
    // One lit pixel at row 10, column 20 of two 32×32 images.
    const pixel = tf.tidy(() => tf.pad(tf.ones([2, 1, 1, 1]), [[0, 0], [10, 21], [20, 11], [0, 0]]) as tf.Tensor4D);
    const params: AugmentParams = { ...noAugmentation, translation: { rows: Int32Array.of(3, -4), columns: Int32Array.of(-2, 4) } };
    const [first, second] = augmented(pixel, params);
    expect(first![13]![18]![0]).toBe(1);
    expect(second![6]![24]![0]).toBe(1);
    expect(first!.flat(2).reduce((a, b) => a + b)).toBe(1);
    // A white image shifted down by 3 and right by 2 has three black rows at the top and two black columns at the left.
    const [shifted] = augmented(ones(1, 32), { ...noAugmentation, translation: { rows: Int32Array.of(3), columns: Int32Array.of(2) } });
    expect(shifted!.slice(0, 3).flat(2).every((value) => value === 0)).toBe(true);
    expect(shifted!.slice(3).every((row) => row.slice(0, 2).flat().every((value) => value === 0) && row.slice(2).flat().every((value) => value === 1))).toBe(true);
    pixel.dispose();
  });

  it('cuts out a square of half the side around the drawn centre, clipped at the edges', () => {
    expect(cutoutSize(32)).toBe(16);
    const images = ones(2, 32);
    const [centred, corner] = augmented(images, { ...noAugmentation, cutout: { rows: Int32Array.of(16, 0), columns: Int32Array.of(16, 0) } });
    expect(zeroCount(centred!)).toBe(16 * 16);
    expect(centred![8]![8]![0]).toBe(0);
    expect(centred![23]![23]![0]).toBe(0);
    expect(centred![7]![8]![0]).toBe(1);
    expect(centred![24]![23]![0]).toBe(1);
    expect(zeroCount(corner!)).toBe(8 * 8); // only the quarter inside the image
    images.dispose();
  });

  it('shifts brightness, scales saturation and contrast', () => {
    const images = tf.tensor4d([0.2, -0.4, 0.8, 0, 0, 0], [2, 1, 1, 3]);
    const colour = (brightness: number, saturation: number, contrast: number) =>
      augmented(images, { ...noAugmentation, colour: { brightness: Float32Array.of(brightness, brightness), saturation: Float32Array.of(saturation, saturation), contrast: Float32Array.of(contrast, contrast) } })[0]![0]![0]!;
    expect(colour(0, 1, 1).map((value) => +value.toFixed(5))).toEqual([0.2, -0.4, 0.8]);
    expect(colour(0.25, 1, 1).map((value) => +value.toFixed(5))).toEqual([0.45, -0.15, 1.05]);
    // Saturation 0 leaves each pixel's grey, the mean of its channels.
    expect(colour(0, 0, 1).map((value) => +value.toFixed(5))).toEqual([0.2, 0.2, 0.2]);
    // Contrast scales the distance from the image's mean, here over one pixel's three channels.
    expect(colour(0, 1, 0.5).map((value) => +value.toFixed(5))).toEqual([0.2, -0.1, 0.5]);
    images.dispose();
  });

  it('lets gradients through, to the second order that R1 needs', () => {
    const images = seededNormal([2, 32, 32, 3], 3) as tf.Tensor4D;
    const params = sampleAugmentParams(new SeededRandom(2), 2, 32, all);
    const secondOrder = tf.tidy(() => {
      const gradientNorm = (x: tf.Tensor) => tf.sum(tf.square(tf.grad((y: tf.Tensor) => tf.sum(tf.square(augment(y as tf.Tensor4D, params))))(x)));
      return tf.sum(tf.abs(tf.grad(gradientNorm)(images))).dataSync()[0]!;
    });
    expect(secondOrder).toBeGreaterThan(0);
    images.dispose();
  });

  it('refuses parameters drawn for another batch size', () => {
    const images = ones(3, 32);
    expect(() => augment(images, sampleAugmentParams(new SeededRandom(1), 2, 32, all))).toThrow(/2 images.*batch of 3/);
    images.dispose();
  });
});
