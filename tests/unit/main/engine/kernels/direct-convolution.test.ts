import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers no gradients; tfjs-layers registers them all, as it does in the app.
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromConvInfo, prefersDirect } from '../../../../../main/engine/kernels/direct-convolution';
import { withInferenceFilters } from '../../../../../main/engine/kernels/inference-filters';
import { expectClose, liveCounts, normalValues, useWasmWithTrainingKernels, valuesOn } from './compare-backends';

beforeAll(useWasmWithTrainingKernels);

type Shape4 = [number, number, number, number];

/** Small layers of a U-Net and a PatchGAN: few output pixels, many weights. */
const cases = [
  { x: [1, 2, 2, 64], filter: [4, 4, 64, 32], stride: 2, pad: 'same' as const },
  { x: [2, 4, 4, 16], filter: [4, 4, 16, 24], stride: 2, pad: 'same' as const },
  { x: [1, 4, 4, 32], filter: [4, 4, 32, 8], stride: 1, pad: 'valid' as const },
  { x: [1, 3, 3, 8], filter: [3, 3, 8, 16], stride: 1, pad: 'same' as const },
];

const shapeOf = (c: (typeof cases)[number]) =>
  fromConvInfo(tf.backend_util.computeConv2DInfo(c.x as Shape4, c.filter as Shape4, c.stride, 1, c.pad, undefined, false, 'channelsLast'))!;

describe('direct convolutions for small layers (wasm)', () => {
  it('are chosen for layers with few output pixels, never while a model only draws', () => {
    for (const c of cases) expect(prefersDirect(shapeOf(c))).toBe(true);
    const large = fromConvInfo(tf.backend_util.computeConv2DInfo([1, 64, 64, 32], [4, 4, 32, 64], 2, 1, 'same', undefined, false, 'channelsLast'))!;
    expect(prefersDirect(large)).toBe(false);
    withInferenceFilters(() => expect(prefersDirect(shapeOf(cases[0]!))).toBe(false));
  });

  for (const [index, c] of cases.entries()) {
    it(`match the cpu backend forward, with a bias, and for the input gradient: x ${JSON.stringify(c.x)}, filter ${JSON.stringify(c.filter)}`, async () => {
      const x = () => tf.tensor4d(normalValues(c.x, 10 + index), c.x as Shape4);
      const filter = () => tf.tensor4d(normalValues(c.filter, 20 + index), c.filter as Shape4);
      const bias = () => tf.tensor1d(normalValues([c.filter[3]!], 30 + index));
      const forward = () => tf.tidy(() => tf.conv2d(x(), filter(), c.stride, c.pad));
      const fused = () => tf.tidy(() => tf.fused.conv2d({ x: x(), filter: filter(), strides: c.stride, pad: c.pad, bias: bias() }));
      const inputGradient = () => tf.tidy(() => tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, filter(), c.stride, c.pad), 1.5)))(x()));
      for (const [what, compute] of [['forward', forward], ['with bias', fused], ['input gradient', inputGradient]] as const) {
        const before = liveCounts();
        const actual = await valuesOn('wasm', compute);
        expect(liveCounts()).toEqual(before);
        expectClose(actual, await valuesOn('cpu', compute), what, 1e-5);
      }
    });
  }
});
