/** How a loaded generator draws latents: as it is, or with truncation applied at its first block. */
import type * as tf from '@tensorflow/tfjs-core';
import { predictWith, type GeneratorForward } from './generate';
import type { LoadedGenerator } from './loaded-generator';
import { truncateFeatures } from './truncation';

export function forwardOf(model: LoadedGenerator, truncation: number): GeneratorForward {
  if (truncation === 1) return predictWith(model.generator);
  return (noise, labels) => {
    const inputs = labels ? [noise, labels] : noise;
    const features = model.head.predict(inputs) as tf.Tensor;
    const labelValues = labels ? Int32Array.from(labels.dataSync()) : null;
    return model.tail.predict(truncateFeatures(model, features, labelValues, truncation)) as tf.Tensor;
  };
}
