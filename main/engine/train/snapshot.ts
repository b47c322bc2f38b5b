/**
 * Moves a run's training state into checkpoint tensors and back: every
 * layer's weights (batch-norm statistics included) of each of its networks
 * (a DCGAN's generator, its moving average and discriminator; pix2pix's two;
 * CycleGAN's four), and each Adam optimizer's moments, step and
 * bias-correction powers. Weights are named by network, layer and position,
 * not by tfjs's variable names, which gain suffixes (_1, _2) as a process
 * builds more models.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { StoredTensor } from '../../formats/checkpoint-file';

/** A run's networks and optimizers, each under the name its tensors are stored by. */
export interface TrainingState {
  readonly networks: readonly (readonly [string, tfl.LayersModel])[];
  readonly optimizers: readonly (readonly [string, tf.Optimizer])[];
}

/** Adam keeps β^t as running products; restoring them with pow() would differ in the last bits. */
interface AdamInternals {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

export async function captureState(state: TrainingState): Promise<StoredTensor[]> {
  const tensors: StoredTensor[] = [];
  for (const [prefix, model] of state.networks) {
    for (const layer of model.layers) {
      layer.getWeights().forEach((weight, index) => tensors.push(stored(`${prefix}/${layer.name}/${index}`, weight)));
    }
  }
  for (const [prefix, optimizer] of state.optimizers) {
    const weights = await optimizer.getWeights();
    weights.forEach((weight, index) => tensors.push(stored(`${prefix}/${index}`, weight.tensor)));
    const { accBeta1, accBeta2 } = optimizer as unknown as AdamInternals;
    tensors.push(stored(`${prefix}/accBeta1`, accBeta1), stored(`${prefix}/accBeta2`, accBeta2));
  }
  return tensors;
}

/** Puts a checkpoint's state into models and optimizers built from the same config; any mismatch is an error naming the tensor. */
export async function restoreState(state: TrainingState, tensors: ReadonlyMap<string, StoredTensor>): Promise<void> {
  const take = taker(tensors);
  for (const [prefix, model] of state.networks) restoreNetwork(model, prefix, tensors);
  for (const [prefix, optimizer] of state.optimizers) {
    const count = [...tensors.keys()].filter((name) => new RegExp(`^${prefix}/\\d+$`).test(name)).length;
    const weights = Array.from({ length: count }, (_, index) => ({ name: `${prefix}/${index}`, tensor: take(`${prefix}/${index}`) }));
    await optimizer.setWeights(weights);
    tf.dispose(weights.map((weight) => weight.tensor));
    const internals = optimizer as unknown as AdamInternals;
    for (const name of ['accBeta1', 'accBeta2'] as const) {
      const value = take(`${prefix}/${name}`);
      internals[name].assign(value);
      value.dispose();
    }
  }
}

/** One network's weights ('generator', 'ema', 'generatorAB', …), e.g. to sample or translate with a checkpoint. */
export function restoreNetwork(model: tfl.LayersModel, prefix: string, tensors: ReadonlyMap<string, StoredTensor>): void {
  const take = taker(tensors);
  for (const layer of model.layers) {
    const current = layer.getWeights();
    if (current.length === 0) continue;
    const values = current.map((weight, index) => take(`${prefix}/${layer.name}/${index}`, weight.shape));
    layer.setWeights(values);
    tf.dispose(values);
  }
}

function taker(tensors: ReadonlyMap<string, StoredTensor>): (name: string, shape?: readonly number[]) => tf.Tensor {
  return (name, shape) => {
    const entry = tensors.get(name);
    if (!entry) throw new Error(`the checkpoint has no ${name}: it was made by a different model`);
    if (shape && (entry.shape.length !== shape.length || entry.shape.some((size, axis) => size !== shape[axis]))) {
      throw new Error(`${name} is [${entry.shape}] in the checkpoint but [${shape}] in the model`);
    }
    return tf.tensor(entry.data, [...entry.shape], entry.dtype);
  };
}

function stored(name: string, tensor: tf.Tensor): StoredTensor {
  const dtype = tensor.dtype === 'int32' ? 'int32' : 'float32';
  const data = dtype === 'int32' ? Int32Array.from(tensor.dataSync()) : Float32Array.from(tensor.dataSync());
  return { name, shape: tensor.shape, dtype, data };
}
