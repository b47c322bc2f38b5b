import * as tf from '@tensorflow/tfjs-core';
// Registers tfjs's gradients (the core Node bundle alone has none).
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, liveCounts, normalValues, useWasmWithTrainingKernels, valuesOn } from './compare-backends';

describe('BatchMatMul on wasm with transposed operands', () => {
  beforeAll(useWasmWithTrainingKernels);

  // [a shape, b shape, transposeA, transposeB]: a dense layer's weight and input gradients, and batched forms.
  const cases: [number[], number[], boolean, boolean][] = [
    [[32, 128], [32, 8192], true, false],
    [[32, 8192], [128, 8192], false, true],
    [[5, 7, 3], [5, 7, 4], true, false],
    [[5, 3, 7], [5, 4, 7], false, true],
    [[5, 7, 3], [5, 4, 7], true, true],
    [[6, 9], [9, 4], false, false],
  ];

  it.each(cases)('matches the cpu backend for %j × %j (transposeA %s, transposeB %s)', async (aShape, bShape, transposeA, transposeB) => {
    const product = () =>
      tf.tidy(() => tf.matMul(tf.tensor(normalValues(aShape, 1), aShape), tf.tensor(normalValues(bShape, 2), bShape), transposeA, transposeB));
    expectClose(await valuesOn('wasm', product), await valuesOn('cpu', product), 'product');
  });

  it('leaks no tensors, and gradients through a dense layer still work', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d(normalValues([8, 16], 3), [8, 16]);
    const w = tf.variable(tf.tensor2d(normalValues([16, 4], 4), [16, 4]));
    const before = liveCounts();
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(tf.matMul(x, w))) as tf.Scalar, [w]);
    expect(grads[w.name]!.shape).toEqual([16, 4]);
    tf.dispose([value, grads]);
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, w]);
  });
});
