/**
 * A faster Conv2DBackpropInput for the wasm backend. That kernel is the forward
 * pass of every conv2dTranspose layer (each DCGAN generator layer) and the
 * input gradient of every conv2d, and the stock one is a scalar loop. The two
 * shapes GANs use become XNNPACK convolutions:
 *
 * - stride 1: a convolution with the filter flipped and its channels swapped;
 * - stride 2 with a 4×4 filter and one pixel of padding (the usual
 *   size-doubling layer, 'same' or pad 1): a sub-pixel convolution, one 2×2
 *   convolution whose 4·Cin output channels are the four output phases,
 *   then interleaved (a depthToSpace).
 *
 * Everything else goes to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convolveInputGradientDirect, fromConvInfo, prefersDirect } from './direct-convolution';
import { derivedFilter } from './inference-filters';
import { computeWithOps } from './ops-as-kernel';

type Shape4 = [number, number, number, number];

/** A convolution that computes the kernel's result: the filter it needs, and how it applies it to dy. */
interface Rewrite {
  readonly deriveFilter: (filter: tf.Tensor4D) => tf.Tensor4D;
  readonly apply: (dy: tf.Tensor4D, derived: tf.Tensor4D) => tf.Tensor;
}

/** Returns `stock` with its kernel function replaced by the faster one (its setup still runs). */
export function fastConv2dBackpropInputConfig(stock: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const backend = args.backend as tf.KernelBackend;
    const small = smallShape(attrs, dy, filter);
    if (small) {
      const values = convolveInputGradientDirect(small, backend.readSync(dy.dataId) as Float32Array, backend.readSync(filter.dataId) as Float32Array);
      return computeWithOps(backend, {}, () => tf.tensor4d(values, attrs.inputShape));
    }
    const rewrite = chooseRewrite(attrs, dy, filter);
    if (rewrite === null) return stock.kernelFunc(args);
    return computeWithOps(backend, { dy, filter }, (t) => {
      const derived = derivedFilter(backend, filter, () => rewrite.deriveFilter(t.filter as tf.Tensor4D)) as tf.Tensor4D;
      return rewrite.apply(t.dy as tf.Tensor4D, derived);
    });
  };
  return { ...stock, kernelFunc };
}

/** The layer as a direct convolution, when its few pixels make that cheaper than XNNPACK's packing (see direct-convolution). */
function smallShape(attrs: tf.Conv2DBackpropInputAttrs, dy: tf.TensorInfo, filter: tf.TensorInfo) {
  if (attrs.dataFormat !== 'NHWC' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as Shape4, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const shape = fromConvInfo(info);
  return shape && prefersDirect(shape) ? shape : null;
}

function chooseRewrite(attrs: tf.Conv2DBackpropInputAttrs, dy: tf.TensorInfo, filter: tf.TensorInfo): Rewrite | null {
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  if (dataFormat !== 'NHWC' || dy.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as Shape4, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [, outHeight, outWidth] = dy.shape as Shape4;
  if (info.strideHeight === 1 && info.strideWidth === 1) return flippedFilterConvolution(info, outHeight, outWidth);
  const isSizeDoubling =
    info.strideHeight === 2 && info.strideWidth === 2 &&
    info.filterHeight === 4 && info.filterWidth === 4 &&
    info.padInfo.top === 1 && info.padInfo.left === 1 &&
    info.inHeight === 2 * outHeight && info.inWidth === 2 * outWidth;
  return isSizeDoubling ? { deriveFilter: subPixelFilter, apply: subPixelConvolution } : null;
}

/**
 * With stride 1, dx[y, x] gathers dy[y + top − kh, x + left − kw]·W[kh, kw]: a
 * correlation of dy with the flipped filter, padded so that the result is
 * dx's size. Null when that padding would be negative (a pad wider than the filter).
 */
function flippedFilterConvolution(info: tf.backend_util.Conv2DInfo, outHeight: number, outWidth: number): Rewrite | null {
  const top = info.filterHeight - 1 - info.padInfo.top;
  const left = info.filterWidth - 1 - info.padInfo.left;
  const bottom = info.inHeight - outHeight - top + info.filterHeight - 1;
  const right = info.inWidth - outWidth - left + info.filterWidth - 1;
  if (Math.min(top, left, bottom, right) < 0) return null;
  return {
    deriveFilter: (filter) => {
      const taps = info.filterHeight * info.filterWidth;
      const reversedTaps = Array.from({ length: taps }, (_, tap) => taps - 1 - tap);
      return tf.transpose(tf.reshape(reorderTaps(filter, reversedTaps), filter.shape), [0, 1, 3, 2]) as tf.Tensor4D;
    },
    apply: (dy, flipped) => tf.conv2d(dy, flipped, 1, [[0, 0], [top, bottom], [left, right], [0, 0]]),
  };
}

/**
 * With stride 2, a 4×4 filter and top/left padding 1, output row y = 2i + kh − 1.
 * Pair output rows 2m+1 and 2m+2: both read only dy rows m and m+1,
 *
 *   dx[2m+1] = dy[m]·W[2] + dy[m+1]·W[0]      dx[2m+2] = dy[m]·W[3] + dy[m+1]·W[1]
 *
 * (and likewise for columns), so one 2×2 convolution over dy padded by one on
 * every side computes all four phases of each 2×2 output block as 4·Cin
 * channels. Interleaving them gives rows −1 … 2·Ho; cropping one row and
 * column at each edge leaves dx. No multiply is wasted on a zero filter tap,
 * unlike the 3×3 form of the same idea.
 */
function subPixelConvolution(dy: tf.Tensor4D, subPixel: tf.Tensor4D): tf.Tensor {
  const inChannels = subPixel.shape[3] / 4;
  const [batch, height, width] = dy.shape;
  const phases = tf.conv2d(dy, subPixel, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]); // [N, Ho+1, Wo+1, (phaseRow, phaseColumn, Cin)]
  // depthToSpace would do, but wasm's copies element by element, ten times slower than this transpose:
  // [N·(Ho+1), Wo+1, phaseRow, (phaseColumn, Cin)] → [N·(Ho+1), phaseRow, Wo+1, (phaseColumn, Cin)]
  const rowsFirst = tf.transpose(tf.reshape(phases, [batch * (height + 1), width + 1, 2, 2 * inChannels]), [0, 2, 1, 3]);
  const interleaved = tf.reshape(rowsFirst, [batch, 2 * height + 2, 2 * width + 2, inChannels]);
  return tf.slice(interleaved, [0, 1, 1, 0], [batch, 2 * height, 2 * width, inChannels]);
}

/** The layer's 4×4 filter [kh, kw, Cin, Cout] as the sub-pixel convolution's 2×2 one [tapRow, tapColumn, Cout, phase·Cin]. */
function subPixelFilter(filter: tf.Tensor4D): tf.Tensor4D {
  const [, , inChannels, outChannels] = filter.shape;
  // [tap, phase, Cin, Cout] → [tapRow, tapColumn, Cout, phase·Cin]
  const byTapAndPhase = tf.reshape(reorderTaps(filter, subPixelTapOrder), [4, 4, inChannels, outChannels]);
  return tf.reshape(tf.transpose(byTapAndPhase, [0, 3, 1, 2]), [2, 2, outChannels, 4 * inChannels]) as tf.Tensor4D;
}

/**
 * The filter with its kh×kw taps (each a Cin×Cout block) in the given order.
 * Done in JavaScript: wasm's Gather, Slice and Reverse copy element by
 * element, twenty times slower than these block copies.
 */
function reorderTaps(filter: tf.Tensor4D, order: readonly number[]): tf.Tensor {
  const [, , inChannels, outChannels] = filter.shape;
  const block = inChannels * outChannels;
  const values = filter.dataSync() as Float32Array;
  const reordered = new Float32Array(order.length * block);
  order.forEach((tap, position) => reordered.set(values.subarray(tap * block, (tap + 1) * block), position * block));
  return tf.tensor(reordered, [order.length, inChannels, outChannels]);
}

/** Which filter row (or column) each (phase, tap) uses: phase 0 is output row 2m+1, phase 1 is 2m+2; tap 0 reads dy[m], tap 1 dy[m+1]. */
const filterIndexByPhaseAndTap = [
  [2, 0],
  [3, 1],
] as const;

/** For each [tapRow, tapColumn, phaseRow, phaseColumn], the index of its tap in the filter's 4×4 grid. */
const subPixelTapOrder: number[] = [];
for (const tapRow of [0, 1] as const) {
  for (const tapColumn of [0, 1] as const) {
    for (const phaseRow of [0, 1] as const) {
      for (const phaseColumn of [0, 1] as const) {
        subPixelTapOrder.push(4 * filterIndexByPhaseAndTap[phaseRow][tapRow] + filterIndexByPhaseAndTap[phaseColumn][tapColumn]);
      }
    }
  }
}
