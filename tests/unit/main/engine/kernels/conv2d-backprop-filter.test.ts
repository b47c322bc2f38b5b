import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose, liveCounts, normalValues, useWasmWithTrainingKernels, valuesOn } from './compare-backends';

type Pad = tf.Conv2DBackpropFilterAttrs['pad'];

interface Case {
  /** x's shape: [batch, height, width, channels]. */
  readonly x: [number, number, number, number];
  readonly kernel: number;
  readonly stride: number;
  readonly pad: Pad;
  readonly outChannels: number;
}

function filterGradient(x: tf.Tensor, dy: tf.Tensor, attrs: tf.Conv2DBackpropFilterAttrs): tf.Tensor {
  return tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Computes dW for `c` on `backend` from the same seeded x and dy. */
function filterGradientOn(backend: 'cpu' | 'wasm', c: Case): Promise<Float32Array> {
  const filterShape: [number, number, number, number] = [c.kernel, c.kernel, c.x[3], c.outChannels];
  const dyShape = tf.backend_util.computeConv2DInfo(c.x, filterShape, c.stride, 1, c.pad).outShape;
  const attrs: tf.Conv2DBackpropFilterAttrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape };
  return valuesOn(backend, () =>
    tf.tidy(() => filterGradient(tf.tensor(normalValues(c.x, 1), c.x), tf.tensor(normalValues(dyShape, 2), dyShape), attrs)),
  );
}

const explicitPad: Pad = [[0, 0], [2, 1], [0, 3], [0, 0]];
const cases: Case[] = [];
for (const kernel of [3, 4, 5, 7]) {
  for (const stride of [1, 2]) {
    for (const pad of ['same', 'valid', 1, explicitPad] as Pad[]) {
      // Odd and even sizes, so that 'same' pads unevenly and strides leave rows unread.
      cases.push({ x: [3, 11 + stride, 10, 5], kernel, stride, pad, outChannels: 4 });
    }
  }
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(useWasmWithTrainingKernels);

  it.each(cases)('matches the cpu backend: kernel $kernel, stride $stride, pad $pad', async (c) => {
    expectClose(await filterGradientOn('wasm', c), await filterGradientOn('cpu', c), 'dW');
  });

  it('matches the cpu backend at a DCGAN discriminator layer (16×16, 32 → 16 channels, 4×4 stride 2)', async () => {
    const c: Case = { x: [4, 16, 16, 32], kernel: 4, stride: 2, pad: 'same', outChannels: 16 };
    expectClose(await filterGradientOn('wasm', c), await filterGradientOn('cpu', c), 'dW');
  });

  it('leaves no tensors or buffers behind', () => {
    const x = tf.ones([2, 8, 8, 3]);
    const dy = tf.ones([2, 4, 4, 6]);
    const before = liveCounts();
    filterGradient(x, dy, { strides: 2, pad: 'same', dataFormat: 'NHWC', filterShape: [4, 4, 3, 6] }).dispose();
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, dy]);
  });

  it('refuses channels-first data with a clear error', () => {
    tf.tidy(() => {
      const call = () => filterGradient(tf.ones([1, 3, 8, 8]), tf.ones([1, 6, 4, 4]), { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: [4, 4, 3, 6] });
      expect(call).toThrow(/dataFormat 'NHWC' only/);
    });
  });
});
