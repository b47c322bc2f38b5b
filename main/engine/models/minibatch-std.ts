/**
 * Minibatch standard deviation (Karras et al. 2018, ProGAN): the
 * discriminator sees how much the images in a small group differ from each
 * other, so a generator that collapses to a few outputs is easy to spot.
 *
 * The batch is split into groups of up to `groupSize` images; the standard
 * deviation of every feature across a group, averaged over all features,
 * becomes one extra feature map for each image in that group.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

export interface MinibatchStdDevArgs extends LayerArgs {
  /** At most this many images per group; ProGAN uses 4. */
  groupSize?: number;
}

type Shape = (number | null)[];

export class MinibatchStdDev extends tfl.layers.Layer {
  static readonly className = 'MinibatchStdDev';
  readonly groupSize: number;

  constructor({ groupSize = 4, ...layerArgs }: MinibatchStdDevArgs = {}) {
    super(layerArgs);
    this.groupSize = groupSize;
    if (!Number.isInteger(this.groupSize) || this.groupSize < 1) throw new Error(`groupSize must be a positive whole number, not ${this.groupSize}`);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape);
    const channels = shape[3];
    return [shape[0]!, shape[1]!, shape[2]!, channels == null ? null : channels + 1];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const images = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
      const [batch, height, width] = images.shape;
      const group = groupSizeFor(batch, this.groupSize);
      // Image i joins group i mod (batch / group), as in ProGAN's reshape to [group, -1, …].
      // Kept two-dimensional: wasm reduces a rank-5 tensor over axis 0 by transposing it first, 60× slower.
      const grouped = tf.reshape(images, [group, -1]);
      const deviations = tf.sub(grouped, tf.mean(grouped, 0, true));
      // The epsilon keeps sqrt's gradient finite when a group's images agree exactly.
      const std = tf.sqrt(tf.add(tf.mean(tf.square(deviations), 0), 1e-8));
      const perGroup = tf.mean(tf.reshape(std, [batch / group, -1]), 1);
      // Tiled as a matrix, since tfjs has no gradient for tiling rank-5 tensors: row g repeats every group's value.
      const perImage = tf.reshape(tf.tile(tf.reshape(perGroup, [1, batch / group]), [group, 1]), [batch, 1, 1, 1]);
      return tf.concat([images, tf.broadcastTo(perImage, [batch, height, width, 1])], 3);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), groupSize: this.groupSize };
  }
}
// Registered on import so tfl.loadLayersModel can rebuild a discriminator that uses it.
tf.serialization.registerClass(MinibatchStdDev);

/**
 * The largest group size up to `limit` that divides the batch, so any batch
 * size works; a batch of 5 or 7 gets groups of one, whose deviation is zero.
 */
export function groupSizeFor(batch: number, limit: number): number {
  for (let size = Math.min(limit, batch); size > 1; size--) if (batch % size === 0) return size;
  return 1;
}

function singleShape(inputShape: Shape | Shape[]): Shape {
  const first = inputShape[0];
  return Array.isArray(first) ? first : (inputShape as Shape);
}
