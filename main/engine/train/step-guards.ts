/** What the FastGAN and DCGAN one-step trainers both need around a step: batch-norm statistics kept, and labels checked. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/**
 * Runs `step` and puts `model`'s non-trainable weights (batch-norm running
 * statistics) back as they were. Holding a reference to the old values is
 * enough: tensors are immutable, and the layer replaces them on update.
 */
export function restoringStatistics<T>(model: tfl.LayersModel, step: () => T): T {
  const statistics = model.nonTrainableWeights;
  const saved = statistics.map((weight) => tf.clone(weight.read()));
  try {
    return step();
  } finally {
    statistics.forEach((weight, index) => weight.write(saved[index]!));
    tf.dispose(saved);
  }
}

/** A conditional model needs a label for every image, and an unconditional one takes none. */
export function checkLabels(classes: number, ...labels: (tf.Tensor1D | null)[]): void {
  for (const label of labels) {
    if ((classes > 0) !== (label !== null)) {
      throw new Error(classes > 0 ? `a model conditioned on ${classes} classes needs labels` : 'an unconditional model takes no labels');
    }
  }
}
