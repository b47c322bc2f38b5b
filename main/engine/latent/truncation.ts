/**
 * The truncation trick: images drawn nearer the average of what the model
 * makes are cleaner and less varied. Each latent's first-block features move
 * toward their mean by 1 − ψ; ψ = 1 leaves them alone, ψ = 0 gives every
 * latent the average image (of its class, for a conditional model).
 */
import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '../random';
import type { LoadedGenerator } from './loaded-generator';

/** Latents the mean is estimated from, per class: enough that the estimate's noise is far below what a person sees. */
export const meanSampleCount = 4096;
/** A fixed stream of draws, so the mean, and every truncated image, is the same in every process. */
const meanSeed = 0x6d65616e;
const batchSize = 512;

/** The mean first-block features of `label` (-1 for an unconditional model), estimated once per loaded generator. */
export function meanFeatures(model: LoadedGenerator, label: number): tf.Tensor {
  const known = model.meanFeatures.get(label);
  if (known) return known;
  const { latentSize } = model.config;
  const random = new SeededRandom(meanSeed + Math.max(0, label));
  const mean = tf.tidy(() => {
    let sum: tf.Tensor | null = null;
    for (let done = 0; done < meanSampleCount; done += batchSize) {
      const noise = tf.tensor2d(random.fillNormal(new Float32Array(batchSize * latentSize)), [batchSize, latentSize]);
      const inputs = label >= 0 ? [noise, tf.fill([batchSize], label, 'int32')] : noise;
      const batchSum = tf.sum(model.head.predict(inputs) as tf.Tensor, 0);
      sum = sum ? tf.add(sum, batchSum) : batchSum;
    }
    return tf.div(sum!, meanSampleCount);
  });
  model.meanFeatures.set(label, tf.keep(mean));
  return mean;
}

/** Features [n, …] pulled toward their class means: mean + ψ (features − mean). */
export function truncateFeatures(model: LoadedGenerator, features: tf.Tensor, labels: Int32Array | null, psi: number): tf.Tensor {
  return tf.tidy(() => {
    const means = labels ? tf.stack(Array.from(labels, (label) => meanFeatures(model, label))) : tf.expandDims(meanFeatures(model, -1), 0);
    return tf.add(means, tf.mul(tf.sub(features, means), psi));
  });
}
