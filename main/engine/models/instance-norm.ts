/**
 * Instance normalisation (Ulyanov et al. 2016), as pix2pix and CycleGAN use
 * it: every feature map of every image is brought to zero mean and unit
 * variance over its own pixels, with no learnt scale or shift (PyTorch's
 * InstanceNorm2d defaults). A convolution before it needs no bias: the mean
 * subtraction would remove it.
 *
 * Translating a large image tile by tile needs one more thing: each tile
 * normalised by its own statistics would come out with its own contrast, and
 * the seams between tiles would show. So a model's instance-norm layers can
 * record the statistics of one pass (over the whole image, or a smaller copy
 * of it) and then normalise every tile by those (see sharedStatistics).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

export interface InstanceNormalizationArgs extends LayerArgs {
  epsilon?: number;
}

/** Per-channel mean and variance of one layer's input, [1, 1, 1, channels] each. */
export interface ChannelStatistics {
  readonly mean: tf.Tensor;
  readonly variance: tf.Tensor;
}

/** Each instance-norm layer's statistics, by layer name. */
export type ModelStatistics = ReadonlyMap<string, ChannelStatistics>;

type Mode = { readonly kind: 'record'; readonly into: Map<string, ChannelStatistics> } | { readonly kind: 'share'; readonly from: ModelStatistics };

export class InstanceNormalization extends tfl.layers.Layer {
  static readonly className = 'InstanceNormalization';
  readonly epsilon: number;
  /** Null: every image by its own statistics, the normal case. */
  mode: Mode | null = null;

  constructor({ epsilon = 1e-5, ...layerArgs }: InstanceNormalizationArgs = {}) {
    super(layerArgs);
    if (!(epsilon > 0)) throw new Error(`epsilon must be above 0, not ${epsilon}`);
    this.epsilon = epsilon;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
      const shared = this.mode?.kind === 'share' ? this.mode.from.get(this.name) : undefined;
      if (this.mode?.kind === 'share' && !shared) throw new Error(`no shared statistics were recorded for ${this.name}`);
      const { mean, variance } = shared ?? channelMoments(x);
      if (this.mode?.kind === 'record') {
        if (x.shape[0] !== 1) throw new Error(`statistics are recorded from one image, not ${x.shape[0]}`);
        this.mode.into.get(this.name)?.mean.dispose();
        this.mode.into.get(this.name)?.variance.dispose();
        this.mode.into.set(this.name, { mean: tf.keep(mean.clone()), variance: tf.keep(variance.clone()) });
      }
      return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, this.epsilon)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
// Registered on import so tfl.loadLayersModel can rebuild a model that uses it.
tf.serialization.registerClass(InstanceNormalization);

/**
 * Each image's per-channel mean and variance, [n, 1, 1, c] each. On the wasm
 * backend, which reduces only over the last axes, tf.moments over [1, 2]
 * first transposes the whole tensor element by element; a global average
 * pool reads NHWC as it is, in one pass.
 */
export function channelMoments(x: tf.Tensor4D): ChannelStatistics {
  return tf.tidy(() => {
    const mean = spatialMean(x);
    return { mean, variance: spatialMean(tf.square(tf.sub(x, mean))) };
  });
}

/**
 * The mean over height and width, [n, h, w, c] → [n, 1, 1, c]: an average
 * pool forward; backward every pixel gets dy / (h·w), a broadcast, where
 * wasm's pooling gradient loops over the whole window for every pixel.
 */
function spatialMean(x: tf.Tensor4D): tf.Tensor4D {
  const [, height, width] = x.shape;
  const mean = tf.customGrad((input) => {
    const images = input as tf.Tensor4D;
    return {
      value: tf.avgPool(images, [height, width], [height, width], 'valid'),
      gradFunc: (dy) => tf.mul(tf.ones(images.shape), tf.div(dy as tf.Tensor, height * width)),
    };
  });
  return mean(x) as tf.Tensor4D;
}

function normLayers(model: tfl.LayersModel): InstanceNormalization[] {
  return model.layers.filter((layer): layer is InstanceNormalization => layer instanceof InstanceNormalization);
}

/** Runs `forward` (one image through `model`) and keeps every instance-norm layer's statistics; dispose them with disposeStatistics. */
export function recordStatistics<T>(model: tfl.LayersModel, forward: () => T): { result: T; statistics: ModelStatistics } {
  const into = new Map<string, ChannelStatistics>();
  const layers = normLayers(model);
  for (const layer of layers) layer.mode = { kind: 'record', into };
  try {
    return { result: forward(), statistics: into };
  } catch (error) {
    disposeStatistics(into);
    throw error;
  } finally {
    for (const layer of layers) layer.mode = null;
  }
}

/** Runs `forward` with every instance-norm layer of `model` normalising by `statistics` instead of each image's own. */
export function sharedStatistics<T>(model: tfl.LayersModel, statistics: ModelStatistics, forward: () => T): T {
  const layers = normLayers(model);
  for (const layer of layers) layer.mode = { kind: 'share', from: statistics };
  try {
    return forward();
  } finally {
    for (const layer of layers) layer.mode = null;
  }
}

export function disposeStatistics(statistics: ModelStatistics): void {
  for (const { mean, variance } of statistics.values()) tf.dispose([mean, variance]);
}
