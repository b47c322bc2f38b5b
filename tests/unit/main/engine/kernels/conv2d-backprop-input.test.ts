import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fastConv2dBackpropInputConfig } from '../../../../../main/engine/kernels/conv2d-backprop-input';
import { expectClose, liveCounts, normalValues, useWasmWithTrainingKernels, valuesOn } from './compare-backends';

type Pad = 'same' | 'valid' | number;

/** A conv2dTranspose from x [batch, size, size, inChannels] to [batch, outSize, outSize, outChannels]. */
interface Case {
  readonly batch: number;
  readonly size: number;
  readonly inChannels: number;
  readonly outSize: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly stride: number;
  readonly pad: Pad;
}

function transposedConvolutionOn(backend: 'cpu' | 'wasm', c: Case): Promise<Float32Array> {
  const xShape = [c.batch, c.size, c.size, c.inChannels];
  const filterShape = [c.kernel, c.kernel, c.outChannels, c.inChannels];
  return valuesOn(backend, () =>
    tf.tidy(() => {
      const x = tf.tensor4d(normalValues(xShape, 1), xShape as [number, number, number, number]);
      const filter = tf.tensor4d(normalValues(filterShape, 2), filterShape as [number, number, number, number]);
      return tf.conv2dTranspose(x, filter, [c.batch, c.outSize, c.outSize, c.outChannels], c.stride, c.pad);
    }),
  );
}

const doubling = (batch: number, size: number, inChannels: number, outChannels: number, pad: Pad = 'same'): Case => ({
  batch, size, inChannels, outSize: 2 * size, outChannels, kernel: 4, stride: 2, pad,
});
const strideOne = (kernel: number, pad: Pad): Case => {
  const outSize = pad === 'valid' ? 9 + kernel - 1 : pad === 'same' ? 9 : 9 + kernel - 1 - 2 * pad;
  return { batch: 3, size: 9, inChannels: 6, outSize, outChannels: 5, kernel, stride: 1, pad };
};

/** The shapes the fast paths handle: batch 1–8, channels 1–256, outputs 4–64 pixels wide. */
const handledCases: Case[] = [
  doubling(1, 2, 1, 1),
  doubling(8, 2, 256, 256),
  doubling(4, 4, 256, 128),
  doubling(2, 8, 128, 64, 1),
  doubling(3, 16, 64, 32),
  doubling(2, 32, 16, 3, 1),
  doubling(5, 3, 7, 5),
  ...[3, 4, 5, 7].flatMap((kernel) => [strideOne(kernel, 'same'), strideOne(kernel, 'valid'), strideOne(kernel, 1)]),
];

/** Shapes left to the stock kernel: they must still come out right. */
const fallbackCases: Case[] = [
  { batch: 2, size: 4, inChannels: 6, outSize: 8, outChannels: 5, kernel: 3, stride: 2, pad: 'same' },
  { batch: 2, size: 4, inChannels: 6, outSize: 7, outChannels: 5, kernel: 4, stride: 2, pad: 'same' },
  { batch: 2, size: 4, inChannels: 6, outSize: 10, outChannels: 5, kernel: 4, stride: 2, pad: 'valid' },
  { batch: 2, size: 9, inChannels: 6, outSize: 5, outChannels: 5, kernel: 3, stride: 1, pad: 3 },
];

const label = '$batch × $size² × $inChannels → $outSize² × $outChannels, kernel $kernel, stride $stride, pad $pad';

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(useWasmWithTrainingKernels);

  it.each(handledCases)(`matches the cpu backend: ${label}`, async (c) => {
    expectClose(await transposedConvolutionOn('wasm', c), await transposedConvolutionOn('cpu', c), 'conv2dTranspose');
  });

  it.each(fallbackCases)(`matches the cpu backend where it falls back: ${label}`, async (c) => {
    expectClose(await transposedConvolutionOn('wasm', c), await transposedConvolutionOn('cpu', c), 'conv2dTranspose');
  });

  it.each([
    { case: handledCases[1]!, stockCalls: 0 },
    { case: strideOne(5, 'same'), stockCalls: 0 },
    { case: fallbackCases[0]!, stockCalls: 1 },
    { case: fallbackCases[1]!, stockCalls: 1 },
  ])('calls the stock kernel only for shapes it does not handle ($stockCalls for kernel $case.kernel, stride $case.stride, to $case.outSize)', ({ case: c, stockCalls }) => {
    const stock = tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!;
    const spy = vi.fn(stock.kernelFunc);
    const kernel = fastConv2dBackpropInputConfig({ ...stock, kernelFunc: spy });
    tf.tidy(() => {
      const dy = tf.ones([c.batch, c.size, c.size, c.inChannels]);
      const filter = tf.ones([c.kernel, c.kernel, c.outChannels, c.inChannels]);
      const attrs: tf.Conv2DBackpropInputAttrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: [c.batch, c.outSize, c.outSize, c.outChannels] };
      const output = kernel.kernelFunc({ inputs: { dy, filter }, backend: tf.backend(), attrs: attrs as unknown as tf.NamedAttrMap }) as tf.TensorInfo;
      tf.engine().makeTensorFromTensorInfo(output);
    });
    expect(spy).toHaveBeenCalledTimes(stockCalls);
  });

  it('leaves no tensors or buffers behind', () => {
    const x = tf.ones([2, 4, 4, 8]) as tf.Tensor4D;
    const doublingFilter = tf.ones([4, 4, 3, 8]) as tf.Tensor4D;
    const sameSizeFilter = tf.ones([3, 3, 3, 8]) as tf.Tensor4D;
    const before = liveCounts();
    tf.conv2dTranspose(x, doublingFilter, [2, 8, 8, 3], 2, 'same').dispose();
    tf.conv2dTranspose(x, sameSizeFilter, [2, 4, 4, 3], 1, 'same').dispose();
    expect(liveCounts()).toEqual(before);
    tf.dispose([x, doublingFilter, sameSizeFilter]);
  });
});
