import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingGradients } from '../../../../../main/engine/train/steps-gradients';
import { seededNormal, useCpuBackend } from '../models/ml-fixtures';

beforeAll(async () => {
  await useCpuBackend();
  // Twice, as two training contexts would: the second call must not wrap the first.
  registerTrainingGradients();
  registerTrainingGradients();
});

describe('batch norm’s input gradient', () => {
  it('is tfjs’s formula bit for bit, dy · scale / √(variance + ε), without tiling the factor to the maps’ size', async () => {
    const [x, dy] = [seededNormal([4, 6, 5, 3], 1), seededNormal([4, 6, 5, 3], 2)];
    const [mean, variance, scale, offset] = [tf.tensor1d([0.1, -0.2, 0.3]), tf.tensor1d([0.5, 1.5, 2]), tf.tensor1d([1.1, 0.9, -0.7]), tf.tensor1d([0, 0.1, 0.2])];
    let gradient: tf.Tensor | null = null;
    const profile = await tf.profile(() => {
      gradient = tf.grad((input: tf.Tensor) => tf.batchNorm(input as tf.Tensor4D, mean, variance, offset, scale, 1e-3))(x, dy);
    });
    expect(profile.kernels.map((kernel) => kernel.name)).not.toContain('Tile');
    // tfjs 4.22's own: the factor tiled to [4, 6, 5, 3], then multiplied.
    const tiled = tf.tile(tf.reshape(tf.rsqrt(tf.add(variance, tf.scalar(1e-3))), [1, 1, 1, 3]), [4, 6, 5, 1]);
    const expected = tf.mul(tf.mul(dy, tiled), scale);
    expect(Array.from(gradient!.dataSync())).toEqual(Array.from(expected.dataSync()));
    // The other inputs' gradients are tfjs's: the scale's is Σ dy · (x − mean) / √(variance + ε) per channel.
    const scaleGradient = tf.grad((s: tf.Tensor) => tf.batchNorm(x as tf.Tensor4D, mean, variance, offset, s as tf.Tensor1D, 1e-3))(scale, dy);
    const expectedScale = tf.sum(tf.mul(dy, tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, tf.scalar(1e-3))))), [0, 1, 2]);
    Array.from(scaleGradient.dataSync()).forEach((value, channel) => expect(value).toBeCloseTo(expectedScale.dataSync()[channel]!, 4));
  });
});
