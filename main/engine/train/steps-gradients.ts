/**
 * Gradients training registers before its first step: one tfjs 4.22 lacks
 * and training needs, and one it computes slowly.
 *
 * Comparisons have a zero gradient (TensorFlow declares them not
 * differentiable), but tfjs registers none for Greater, and LeakyReLU's own
 * gradient uses it; so differentiating LeakyReLU twice, as R1's penalty on a
 * gradient does, fails with "gradient function not found for Greater".
 *
 * Batch norm's input gradient, dy · scale / √(variance + ε), tiles the
 * per-channel factor to the full size of the feature maps before it
 * multiplies; wasm's Tile kernel is a scalar loop, and that was a quarter of
 * a FastGAN step. Broadcasting multiplies the same numbers in the same order,
 * so the gradient is bit for bit the one tfjs computes; the other inputs'
 * gradients are tfjs's own.
 *
 * Registered when a training context is made rather than on import: another
 * copy of tfjs-core loaded later (its ESM and CommonJS builds share one
 * registry) would register its own gradients again over these.
 */
import * as tf from '@tensorflow/tfjs-core';

const comparisonGradient: tf.GradConfig = {
  kernelName: tf.Greater,
  inputsToSave: ['a', 'b'],
  gradFunc: (_dy, saved) => {
    const [a, b] = saved as [tf.Tensor, tf.Tensor];
    return { a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) };
  },
};

let stockBatchNormGradient: tf.GradConfig | null = null;
const batchNormGradient: tf.GradConfig = {
  kernelName: tf.FusedBatchNorm,
  inputsToSave: ['x', 'mean', 'variance', 'scale'],
  gradFunc: (dy, saved, attrs) => {
    const stock = stockBatchNormGradient!.gradFunc(dy, saved, attrs);
    const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
    if (mean.rank !== 1) return stock;
    const { varianceEpsilon } = attrs as unknown as tf.FusedBatchNormAttrs;
    const perChannel = tf.reshape(tf.rsqrt(tf.add(variance, tf.scalar(varianceEpsilon))), [1, 1, 1, mean.shape[0]!]);
    return { ...stock, x: () => tf.reshape(tf.mul(tf.mul(dy as tf.Tensor, perChannel), scale ?? tf.scalar(1)), x.shape) };
  },
};

export function registerTrainingGradients(): void {
  if (!tf.getGradient(tf.Greater)) tf.registerGradient(comparisonGradient);
  const current = tf.getGradient(tf.FusedBatchNorm)!;
  if (current.gradFunc === batchNormGradient.gradFunc) return;
  stockBatchNormGradient = current;
  tf.registerGradient(batchNormGradient);
}
