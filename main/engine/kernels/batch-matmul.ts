/**
 * wasm's BatchMatMul takes a slow path when an operand is marked transposed,
 * which is how every dense layer's weight gradient arrives (measured: 365 ms
 * for a DCGAN-64 generator's, 22 ms when transposed first). Transposing the
 * operand explicitly and multiplying plainly keeps XNNPACK's fast path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { computeWithOps } from './ops-as-kernel';

interface BatchMatMulAttrs {
  readonly transposeA: boolean;
  readonly transposeB: boolean;
}

/** Returns `stock` with its kernel function replaced (its setup still runs). */
export function fastBatchMatMulConfig(stock: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { transposeA, transposeB } = args.attrs as unknown as BatchMatMulAttrs;
    if (!transposeA && !transposeB) return stock.kernelFunc(args);
    const inputs = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    return computeWithOps(args.backend as tf.KernelBackend, inputs, ({ a, b }) =>
      // tf.matMul reaches this kernel again, untransposed, and so the stock kernel.
      tf.matMul(transposeA ? swapLastTwo(a) : a, transposeB ? swapLastTwo(b) : b),
    );
  };
  return { ...stock, kernelFunc };
}

function swapLastTwo(tensor: tf.Tensor): tf.Tensor {
  const axes = tensor.shape.map((_, axis) => axis);
  const last = axes.length - 1;
  [axes[last - 1], axes[last]] = [axes[last]!, axes[last - 1]!];
  return tf.transpose(tensor, axes);
}
