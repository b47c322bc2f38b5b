/**
 * Conv2DBackpropFilter for the wasm backend, which ships none: without it no
 * conv net can train there. The filter gradient
 *
 *   dW[kh, kw, ci, co] = Σ_n,i,j x[n, i·s + kh − top, j·s + kw − left, ci] · dy[n, i, j, co]
 *
 * is itself a convolution once the batch is summed over as if it were the
 * channels: the input channels of x become a batch of images, dy becomes the
 * filter, and the stride of the forward pass becomes a dilation. So the whole
 * gradient is one XNNPACK convolution plus three transposes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { computeWithOps } from './ops-as-kernel';

type Shape4 = [number, number, number, number];

function conv2dBackpropFilter({ inputs, backend, attrs }: Parameters<tf.KernelFunc>[0]): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') {
    throw new Error(`Conv2DBackpropFilter on wasm supports dataFormat 'NHWC' only, got '${dataFormat}'`);
  }
  const info = tf.backend_util.computeConv2DInfo(x.shape as Shape4, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const [, outHeight, outWidth] = dy.shape as Shape4;
  // How far the last window of the forward pass reached past x's last row
  // (negative: that many trailing rows were never read).
  const bottom = (outHeight - 1) * info.strideHeight + info.filterHeight - info.inHeight - info.padInfo.top;
  const right = (outWidth - 1) * info.strideWidth + info.filterWidth - info.inWidth - info.padInfo.left;
  const padding: tf.backend_util.ExplicitPadding = [
    [0, 0],
    [info.padInfo.top, Math.max(bottom, 0)],
    [info.padInfo.left, Math.max(right, 0)],
    [0, 0],
  ];

  return computeWithOps(backend as tf.KernelBackend, { x, dy }, (t) => {
    const images = tf.transpose(t.x, [3, 1, 2, 0]) as tf.Tensor4D; // [Cin, H, W, N]
    const kernels = tf.transpose(t.dy, [1, 2, 0, 3]) as tf.Tensor4D; // [Ho, Wo, N, Cout]
    let gradient = tf.conv2d(images, kernels, 1, padding, 'NHWC', [info.strideHeight, info.strideWidth]); // [Cin, kh, kw, Cout]
    if (bottom < 0 || right < 0) {
      // Unread rows were left unpadded rather than cropped from x: cheaper to drop the surplus outputs.
      gradient = tf.slice(gradient, [0, 0, 0, 0], [-1, info.filterHeight, info.filterWidth, -1]);
    }
    return tf.transpose(gradient, [1, 2, 0, 3]);
  });
}

export const conv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
