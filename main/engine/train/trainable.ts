/** What every one-step trainer needs from a tfjs-layers model. */
import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';

/** The tf.Variables an optimizer updates in place: a LayerVariable's read() is one. */
export function trainableVariables(...models: tfl.LayersModel[]): tf.Variable[] {
  return models.flatMap((model) => model.trainableWeights.map((weight) => weight.read() as tf.Variable));
}

/** A model run in training mode (dropout on, batch statistics). */
export function applyTraining(model: tfl.LayersModel, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return model.apply(inputs, { training: true }) as tf.Tensor;
}
