import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { withInferenceFilters } from '../../../../../main/engine/kernels/inference-filters';
import { expectClose, normalValues, useWasmWithTrainingKernels, valuesOn } from './compare-backends';

/** A layer's filter: a variable holding the only reference to its data, as a model's is. */
const layerFilter = (seed: number) => tf.tidy(() => tf.variable(tf.tensor4d(normalValues([4, 4, 16, 32], seed), [4, 4, 16, 32])));

beforeAll(useWasmWithTrainingKernels);

describe('derived filters kept while drawing (wasm)', () => {
  it('give the same transposed convolutions, keep one derived filter per layer, and free it with its layer', async () => {
    const filter = layerFilter(1);
    const x = tf.tensor4d(normalValues([1, 16, 16, 32], 2), [1, 16, 16, 32]);
    const draw = () => tf.tidy(() => tf.conv2dTranspose(x, filter as tf.Tensor4D, [1, 32, 32, 16], 2, 'same'));
    const expected = await valuesOn('cpu', draw);
    const first = withInferenceFilters(() => draw());
    const afterFirst = tf.memory().numTensors;
    const second = withInferenceFilters(() => draw());
    // The second call made its output and nothing else: the derived filter was reused.
    expect(tf.memory().numTensors).toBe(afterFirst + 1);
    expectClose(first.dataSync() as Float32Array, expected, 'first');
    expectClose(second.dataSync() as Float32Array, expected, 'second');
    tf.dispose([first, second]);
    // Once the layer's filter is gone, the next draw frees the copy derived from it: drawing
    // with another filter then keeps one copy in its place rather than one more.
    filter.dispose();
    const other = layerFilter(3);
    const beforeOther = tf.memory().numTensors;
    withInferenceFilters(() => tf.tidy(() => void tf.conv2dTranspose(x, other as tf.Tensor4D, [1, 32, 32, 16], 2, 'same').dataSync()));
    expect(tf.memory().numTensors).toBe(beforeOther);
    tf.dispose([x, other]);
  });
});
