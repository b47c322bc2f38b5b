/**
 * A gradient tfjs 4.22 lacks and training needs, registered on import.
 *
 * Comparisons have a zero gradient (TensorFlow declares them not
 * differentiable), but tfjs registers none for Greater, and LeakyReLU's own
 * gradient uses it; so differentiating LeakyReLU twice, as R1's penalty on a
 * gradient does, fails with "gradient function not found for Greater".
 */
import * as tf from '@tensorflow/tfjs-core';

if (!tf.getGradient(tf.Greater)) {
  tf.registerGradient({
    kernelName: tf.Greater,
    inputsToSave: ['a', 'b'],
    gradFunc: (_dy, saved) => {
      const [a, b] = saved as [tf.Tensor, tf.Tensor];
      return { a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) };
    },
  });
}
