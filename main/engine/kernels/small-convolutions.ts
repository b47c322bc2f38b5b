/**
 * wasm's Conv2D and FusedConv2D, computed directly (direct-convolution) for
 * the small layers where XNNPACK's weight packing costs more than the
 * arithmetic; every other call goes to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs-core';
import { convolveDirect, fromConvInfo, prefersDirect, type DirectConvolution } from './direct-convolution';
import { computeWithOps } from './ops-as-kernel';

type Shape4 = [number, number, number, number];

interface ConvolutionAttrs {
  readonly strides: [number, number] | number;
  readonly pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  readonly dataFormat: 'NHWC' | 'NCHW';
  readonly dilations: [number, number] | number;
  readonly dimRoundingMode?: 'floor' | 'round' | 'ceil';
  /** FusedConv2D only. */
  readonly activation?: string;
}

/** The direct form of a call, or null to leave it to the stock kernel. */
function directShape(attrs: ConvolutionAttrs, x: tf.TensorInfo, filter: tf.TensorInfo): DirectConvolution | null {
  if (attrs.dataFormat !== 'NHWC' || x.dtype !== 'float32' || filter.dtype !== 'float32') return null;
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filter.shape as Shape4, attrs.strides, attrs.dilations, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
  const shape = fromConvInfo(info);
  return shape && prefersDirect(shape) ? shape : null;
}

function direct(backend: tf.KernelBackend, shape: DirectConvolution, x: tf.TensorInfo, filter: tf.TensorInfo, bias: tf.TensorInfo | undefined): tf.TensorInfo {
  const read = (info: tf.TensorInfo) => backend.readSync(info.dataId) as Float32Array;
  const values = convolveDirect(shape, read(x), read(filter), bias ? read(bias) : null);
  return computeWithOps(backend, {}, () => tf.tensor4d(values, [shape.batch, shape.outHeight, shape.outWidth, shape.outChannels]));
}

/** Returns the stock Conv2D with its kernel function replaced (its setup still runs). */
export function smallConv2dConfig(stock: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { x, filter } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo };
    const shape = directShape(args.attrs as unknown as ConvolutionAttrs, x, filter);
    return shape ? direct(args.backend as tf.KernelBackend, shape, x, filter, undefined) : stock.kernelFunc(args);
  };
  return { ...stock, kernelFunc };
}

/** FusedConv2D with a bias and no activation (how tfjs-layers runs a conv layer) goes direct too. */
export function smallFusedConv2dConfig(stock: tf.KernelConfig): tf.KernelConfig {
  const kernelFunc: tf.KernelFunc = (args) => {
    const { x, filter, bias, preluActivationWeights } = args.inputs as { x: tf.TensorInfo; filter: tf.TensorInfo; bias?: tf.TensorInfo; preluActivationWeights?: tf.TensorInfo };
    const attrs = args.attrs as unknown as ConvolutionAttrs;
    const plain = (attrs.activation ?? 'linear') === 'linear' && !preluActivationWeights;
    const shape = plain ? directShape(attrs, x, filter) : null;
    return shape ? direct(args.backend as tf.KernelBackend, shape, x, filter, bias) : stock.kernelFunc(args);
  };
  return { ...stock, kernelFunc };
}
