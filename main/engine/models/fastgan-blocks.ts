/**
 * The blocks FastGAN's networks share: the up block of the generator and the
 * decoders, skip-layer excitation, and batch norm with PyTorch's settings.
 *
 * Every convolution is bias-free, as in the paper: batch norm follows most of
 * them, and the rest (the excitation's and the output's) have none there either.
 * Kernels start as N(0, 0.02) and batch-norm scales as N(1, 0.02), the paper's
 * weights_init; ./init draws them from the run's SeededRandom. No spectral
 * norm, unlike the paper: without it, 400 steps on Fashion-MNIST at 32 px
 * trained stably here and in the PyTorch peer, and it would cost a power
 * iteration per convolution per step.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { link, normalKernel, type Symbolic } from './building';
import { resizeLayer } from './bilinear-upsample';
import type { FastGanConfig } from './config';
import { GatedLinearUnit } from './fastgan-glu';

/**
 * PyTorch's batch norm (momentum 0.1 in its terms, eps 1e-5), as the paper
 * trains with: Keras's momentum of 0.99 would leave the running statistics
 * that sampling uses far behind a fast-changing generator.
 */
export function batchNorm(name: string): tfl.layers.Layer {
  return tfl.layers.batchNormalization({
    name,
    momentum: 0.9,
    epsilon: 1e-5,
    gammaInitializer: tfl.initializers.randomNormal({ mean: 1, stddev: 0.02 }),
  });
}

export function conv(name: string, filters: number, kernelSize: number, options: { strides?: number; padding?: 'same' | 'valid'; activation?: 'sigmoid' | 'swish' | 'tanh' } = {}): tfl.layers.Layer {
  return tfl.layers.conv2d({
    name,
    filters,
    kernelSize,
    strides: options.strides ?? 1,
    padding: options.padding ?? 'same',
    activation: options.activation ?? 'linear',
    useBias: false,
    kernelInitializer: normalKernel(),
  });
}

/** 3×3 convolution to twice `channels`, batch norm, GLU back to `channels`. */
export function convBnGlu(x: Symbolic, channels: number, prefix: string, suffix = ''): Symbolic {
  x = link(conv(`${prefix}_conv${suffix}`, 2 * channels, 3), x);
  x = link(batchNorm(`${prefix}_bn${suffix}`), x);
  return link(new GatedLinearUnit({ name: `${prefix}_glu${suffix}` }), x);
}

/**
 * Doubles the side: a bilinear or nearest ×2 resize (every output pixel
 * weighed alike, so no checkerboard), then one or two convBnGlu. The paper's two-conv block
 * also injects per-pixel noise after each convolution; that is left out, so
 * a seed always draws the same image (Explore's seeds, previews, bundles).
 */
export function upBlock(x: Symbolic, channels: number, prefix: string, convolutions: 1 | 2, resize: FastGanConfig['upsample']): Symbolic {
  x = link(resizeLayer(resize, `${prefix}_upsample`), x);
  if (convolutions === 1) return convBnGlu(x, channels, prefix);
  return convBnGlu(convBnGlu(x, channels, prefix, '1'), channels, prefix, '2');
}

/**
 * Skip-layer excitation: the coarse map `source` is pooled to 4×4, turned by
 * a 4×4 convolution (valid: one pixel), swish, a 1×1 convolution and a
 * sigmoid into one gate per channel of `target`, which it multiplies. Coarse
 * layout steers fine detail through a short path for the gradient.
 */
export function skipLayerExcitation(source: Symbolic, target: Symbolic, prefix: string): Symbolic {
  const sourceSide = source.shape[1]!;
  const channels = target.shape[3]!;
  let gate = source;
  if (sourceSide > 4) {
    const window = sourceSide / 4;
    gate = link(tfl.layers.averagePooling2d({ poolSize: window, strides: window, padding: 'valid', name: `${prefix}_pool` }), gate);
  }
  gate = link(conv(`${prefix}_conv1`, channels, 4, { padding: 'valid', activation: 'swish' }), gate);
  gate = link(conv(`${prefix}_conv2`, channels, 1, { activation: 'sigmoid' }), gate);
  return link(tfl.layers.multiply({ name: prefix }), [target, gate]);
}
