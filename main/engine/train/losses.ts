/**
 * GAN losses on the discriminator's raw logits (no sigmoid anywhere, so
 * nothing saturates in float32):
 *
 * - non-saturating (Goodfellow et al. 2014), in softplus form:
 *   D: softplus(−D(x)) + softplus(D(G(z))), G: softplus(−D(G(z)));
 * - hinge (Lim and Ye 2017; Miyato et al. 2018):
 *   D: relu(1 − D(x)) + relu(1 + D(G(z))), G: −D(G(z));
 * - least squares (Mao et al. 2017), as CycleGAN trains:
 *   D: (D(x) − 1)² + D(G(z))², G: (D(G(z)) − 1)².
 *
 * Each is a mean over the batch (and, for a PatchGAN, over its patches).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GanLoss } from '../models/config';

export function discriminatorLoss(loss: GanLoss, realLogits: tf.Tensor, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    switch (loss) {
      case 'non-saturating':
        return tf.add(tf.mean(tf.softplus(tf.neg(realLogits))), tf.mean(tf.softplus(fakeLogits)));
      case 'hinge':
        return tf.add(tf.mean(tf.relu(tf.sub(1, realLogits))), tf.mean(tf.relu(tf.add(1, fakeLogits))));
      case 'least-squares':
        return tf.add(tf.mean(tf.square(tf.sub(realLogits, 1))), tf.mean(tf.square(fakeLogits)));
    }
  });
}

export function generatorLoss(loss: GanLoss, fakeLogits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    switch (loss) {
      case 'non-saturating':
        return tf.mean(tf.softplus(tf.neg(fakeLogits)));
      case 'hinge':
        return tf.neg(tf.mean(fakeLogits));
      case 'least-squares':
        return tf.mean(tf.square(tf.sub(fakeLogits, 1)));
    }
  });
}
