/**
 * Convolutions computed directly, in JavaScript, for layers with few output
 * pixels and many weights: the innermost layers of a U-Net (1×1 to 8×8 at
 * 256–512 channels) and the last layers of a PatchGAN. XNNPACK packs the
 * weights of every filter it has not seen before, tens of nanoseconds per
 * weight, and while a model trains every filter is new at every step: for
 * such a layer the packing costs ten times the arithmetic. Plain loops over
 * the unpacked weights cost only the arithmetic.
 *
 * Used outside withInferenceFilters only (inside it, filters are stable and
 * XNNPACK's packed copy is reused), and only where the cost model below
 * says the loops win. NHWC, float32, no dilation.
 */
import type * as tf from '@tensorflow/tfjs-core';
import { inferenceFiltersActive } from './inference-filters';

/**
 * XNNPACK meeting a new filter costs about 35 ns per weight here; these loops
 * take about 1.7 ns per multiply-add. The loops win below 20 multiply-adds per
 * weight, i.e. when a layer has fewer than about 20 output pixels in the batch.
 */
const multiplyAddsPerWeightBreakEven = 16;

/** Where a convolution's windows sit: what computeConv2DInfo says of it. */
export interface DirectConvolution {
  readonly batch: number;
  readonly inHeight: number;
  readonly inWidth: number;
  readonly inChannels: number;
  readonly outHeight: number;
  readonly outWidth: number;
  readonly outChannels: number;
  readonly filterHeight: number;
  readonly filterWidth: number;
  readonly strideHeight: number;
  readonly strideWidth: number;
  readonly padTop: number;
  readonly padLeft: number;
}

export function fromConvInfo(info: tf.backend_util.Conv2DInfo): DirectConvolution | null {
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1 || info.dataFormat !== 'channelsLast') return null;
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/** Whether the loops beat XNNPACK for this convolution (its forward pass and its input gradient cost alike). */
export function prefersDirect(shape: DirectConvolution): boolean {
  if (inferenceFiltersActive()) return false;
  const weights = shape.filterHeight * shape.filterWidth * shape.inChannels * shape.outChannels;
  const multiplyAdds = shape.batch * shape.outHeight * shape.outWidth * weights;
  return multiplyAdds < multiplyAddsPerWeightBreakEven * weights;
}

/** y[n, oy, ox, co] = Σ x[n, oy·s + ky − top, ox·s + kx − left, ci] · w[ky, kx, ci, co] (+ bias[co]). */
export function convolveDirect(shape: DirectConvolution, x: Float32Array, filter: Float32Array, bias: Float32Array | null): Float32Array {
  const columns = windowsOf(shape, x);
  const positions = shape.batch * shape.outHeight * shape.outWidth;
  const y = multiply(columns, filter, positions, shape.filterHeight * shape.filterWidth * shape.inChannels, shape.outChannels);
  if (bias) for (let position = 0; position < positions; position++) for (let co = 0; co < shape.outChannels; co++) y[position * shape.outChannels + co]! += bias[co]!;
  return y;
}

/** dx[n, iy, ix, ci] = Σ dy[n, oy, ox, co] · w[ky, kx, ci, co] over the windows that read (iy, ix): the input gradient. */
export function convolveInputGradientDirect(shape: DirectConvolution, dy: Float32Array, filter: Float32Array): Float32Array {
  const positions = shape.batch * shape.outHeight * shape.outWidth;
  const windowSize = shape.filterHeight * shape.filterWidth * shape.inChannels;
  return scatterWindows(shape, multiplyTransposed(dy, filter, positions, shape.outChannels, windowSize));
}

/** Calls `visit(position, tap offset in a window, input offset)` for every window tap that lands inside the image. */
function forEachTap(shape: DirectConvolution, visit: (windowStart: number, tapStart: number, inputStart: number) => void): void {
  const { batch, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padTop, padLeft } = shape;
  const windowSize = filterHeight * filterWidth * inChannels;
  for (let n = 0; n < batch; n++) {
    for (let oy = 0; oy < outHeight; oy++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const windowStart = ((n * outHeight + oy) * outWidth + ox) * windowSize;
        for (let ky = 0; ky < filterHeight; ky++) {
          const iy = oy * strideHeight + ky - padTop;
          if (iy < 0 || iy >= inHeight) continue;
          for (let kx = 0; kx < filterWidth; kx++) {
            const ix = ox * strideWidth + kx - padLeft;
            if (ix >= 0 && ix < inWidth) visit(windowStart, (ky * filterWidth + kx) * inChannels, ((n * inHeight + iy) * inWidth + ix) * inChannels);
          }
        }
      }
    }
  }
}

/** Every output pixel's window of the input as one row (zeros where it hangs over the edge): [positions, kh·kw·Cin]. */
function windowsOf(shape: DirectConvolution, x: Float32Array): Float32Array {
  const windowSize = shape.filterHeight * shape.filterWidth * shape.inChannels;
  const rows = new Float32Array(shape.batch * shape.outHeight * shape.outWidth * windowSize);
  forEachTap(shape, (windowStart, tapStart, inputStart) => rows.set(x.subarray(inputStart, inputStart + shape.inChannels), windowStart + tapStart));
  return rows;
}

/** The opposite of windowsOf: each row's values added back onto the input pixels they came from. */
function scatterWindows(shape: DirectConvolution, rows: Float32Array): Float32Array {
  const dx = new Float32Array(shape.batch * shape.inHeight * shape.inWidth * shape.inChannels);
  forEachTap(shape, (windowStart, tapStart, inputStart) => {
    for (let ci = 0; ci < shape.inChannels; ci++) dx[inputStart + ci]! += rows[windowStart + tapStart + ci]!;
  });
  return dx;
}

/** a [m, k] · b [k, n], four rows of a at a time so each row of b is read once per four. */
function multiply(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
  const c = new Float32Array(m * n);
  let row = 0;
  for (; row + 4 <= m; row += 4) {
    const [c0, c1, c2, c3] = [row * n, (row + 1) * n, (row + 2) * n, (row + 3) * n];
    for (let inner = 0; inner < k; inner++) {
      const a0 = a[row * k + inner]!;
      const a1 = a[(row + 1) * k + inner]!;
      const a2 = a[(row + 2) * k + inner]!;
      const a3 = a[(row + 3) * k + inner]!;
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const start = inner * n;
      for (let column = 0; column < n; column++) {
        const value = b[start + column]!;
        c[c0 + column]! += a0 * value;
        c[c1 + column]! += a1 * value;
        c[c2 + column]! += a2 * value;
        c[c3 + column]! += a3 * value;
      }
    }
  }
  for (; row < m; row++) {
    for (let inner = 0; inner < k; inner++) {
      const value = a[row * k + inner]!;
      if (value === 0) continue;
      const start = inner * n;
      for (let column = 0; column < n; column++) c[row * n + column]! += value * b[start + column]!;
    }
  }
  return c;
}

/** a [m, n] · bᵀ, b being [k, n]: dot products along n, four rows of a at a time. */
function multiplyTransposed(a: Float32Array, b: Float32Array, m: number, n: number, k: number): Float32Array {
  const c = new Float32Array(m * k);
  let row = 0;
  for (; row + 4 <= m; row += 4) {
    const [a0, a1, a2, a3] = [row * n, (row + 1) * n, (row + 2) * n, (row + 3) * n];
    for (let inner = 0; inner < k; inner++) {
      const start = inner * n;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let column = 0; column < n; column++) {
        const value = b[start + column]!;
        s0 += a[a0 + column]! * value;
        s1 += a[a1 + column]! * value;
        s2 += a[a2 + column]! * value;
        s3 += a[a3 + column]! * value;
      }
      c[row * k + inner] = s0;
      c[(row + 1) * k + inner] = s1;
      c[(row + 2) * k + inner] = s2;
      c[(row + 3) * k + inner] = s3;
    }
  }
  for (; row < m; row++) {
    for (let inner = 0; inner < k; inner++) {
      let sum = 0;
      for (let column = 0; column < n; column++) sum += a[row * n + column]! * b[inner * n + column]!;
      c[row * k + inner] = sum;
    }
  }
  return c;
}
