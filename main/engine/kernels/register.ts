/**
 * Installs the kernels the wasm backend needs to train conv nets, and to train
 * them fast: the missing Conv2DBackpropFilter, a faster Conv2DBackpropInput,
 * direct convolutions for small layers whose weights change every step, and
 * a BatchMatMul that keeps transposed operands off the slow path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { fastBatchMatMulConfig } from './batch-matmul';
import { conv2dBackpropFilterConfig } from './conv2d-backprop-filter';
import { fastConv2dBackpropInputConfig } from './conv2d-backprop-input';
import { smallConv2dConfig, smallFusedConv2dConfig } from './small-convolutions';

/**
 * Call after `@tensorflow/tfjs-backend-wasm` is imported (that registers its
 * kernels); before or after `tf.setBackend('wasm')`. Calling it again does nothing.
 */
export function registerWasmTrainingKernels(): void {
  if (tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')?.kernelFunc === conv2dBackpropFilterConfig.kernelFunc) return;
  const stockBackpropInput = tf.getKernel(tf.Conv2DBackpropInput, 'wasm');
  if (stockBackpropInput === undefined) {
    throw new Error('The wasm backend has no Conv2DBackpropInput kernel to speed up: import @tensorflow/tfjs-backend-wasm first');
  }
  const stockBatchMatMul = tf.getKernel(tf.BatchMatMul, 'wasm')!;
  const stockConv2d = tf.getKernel(tf.Conv2D, 'wasm')!;
  const stockFusedConv2d = tf.getKernel(tf.FusedConv2D, 'wasm')!;
  tf.unregisterKernel(tf.Conv2D, 'wasm');
  tf.registerKernel(smallConv2dConfig(stockConv2d));
  tf.unregisterKernel(tf.FusedConv2D, 'wasm');
  tf.registerKernel(smallFusedConv2dConfig(stockFusedConv2d));
  tf.unregisterKernel(tf.Conv2DBackpropInput, 'wasm');
  tf.registerKernel(fastConv2dBackpropInputConfig(stockBackpropInput));
  tf.unregisterKernel(tf.BatchMatMul, 'wasm');
  tf.registerKernel(fastBatchMatMulConfig(stockBatchMatMul));
  tf.registerKernel(conv2dBackpropFilterConfig);
}
