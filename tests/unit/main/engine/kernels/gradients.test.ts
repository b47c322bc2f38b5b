import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers no gradients; tfjs-layers registers them all, as it does in the app.
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, normalValues, useWasmWithTrainingKernels } from './compare-backends';

const shapes = {
  down: [4, 4, 3, 8], // conv2d 8×8×3 → 4×4×8
  middle: [3, 3, 8, 8], // conv2d, same size
  up: [4, 4, 3, 8], // conv2dTranspose 4×4×8 → 8×8×3
  refine: [5, 5, 3, 3], // conv2dTranspose, stride 1
} as const;
type Weight = keyof typeof shapes;

/**
 * A tiny encoder–decoder with no batch norm: its gradients go through Conv2D,
 * Conv2DBackpropInput and Conv2DBackpropFilter for both conv2d and conv2dTranspose.
 */
function makeNet(): { weights: Record<Weight, tf.Variable>; loss: (images: tf.Tensor4D) => tf.Scalar } {
  const weights = {} as Record<Weight, tf.Variable>;
  for (const [i, [name, shape]] of Object.entries(shapes).entries()) {
    const initial = tf.tidy(() => tf.mul(tf.tensor(normalValues([...shape], 10 + i), [...shape]), 0.2));
    weights[name as Weight] = tf.variable(initial);
    initial.dispose();
  }
  const loss = (images: tf.Tensor4D) => {
    const down = tf.leakyRelu(tf.conv2d(images, weights.down as tf.Tensor4D, 2, 'same'), 0.2);
    const middle = tf.relu(tf.conv2d(down, weights.middle as tf.Tensor4D, 1, 'same'));
    const up = tf.conv2dTranspose(middle, weights.up as tf.Tensor4D, [2, 8, 8, 3], 2, 'same');
    const refined = tf.tanh(tf.conv2dTranspose(up, weights.refine as tf.Tensor4D, [2, 8, 8, 3], 1, 'same'));
    return tf.mean(tf.square(tf.sub(refined, images))) as tf.Scalar;
  };
  return { weights, loss };
}

async function gradientsOn(backend: 'cpu' | 'wasm'): Promise<Record<Weight, Float32Array>> {
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  const { weights, loss } = makeNet();
  const images = tf.tensor4d(normalValues([2, 8, 8, 3], 1), [2, 8, 8, 3]);
  const { value, grads } = tf.variableGrads(() => loss(images));
  const values = {} as Record<Weight, Float32Array>;
  for (const name of Object.keys(shapes) as Weight[]) values[name] = (await grads[weights[name].name]!.data()) as Float32Array;
  tf.dispose([value, images, ...Object.values(grads), ...Object.values(weights)]);
  await tf.setBackend(previous);
  return values;
}

describe('training a conv net on wasm', () => {
  beforeAll(useWasmWithTrainingKernels);

  it('computes the same weight gradients as the cpu backend', async () => {
    const wasm = await gradientsOn('wasm');
    const cpu = await gradientsOn('cpu');
    for (const name of Object.keys(shapes) as Weight[]) expectClose(wasm[name], cpu[name], `d${name}`, 1e-4);
  });

  it('leaves no tensors behind after a training step', () => {
    const { weights, loss } = makeNet();
    const images = tf.ones([2, 8, 8, 3]) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    for (let step = 0; step < 2; step++) {
      const { value, grads } = tf.variableGrads(() => loss(images));
      tf.dispose([value, ...Object.values(grads)]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([images, ...Object.values(weights)]);
  });
});
