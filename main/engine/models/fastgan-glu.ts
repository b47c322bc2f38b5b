/**
 * The gated linear unit (Dauphin et al. 2017) that FastGAN's generator and
 * decoders use in place of ReLU: the input's feature maps are split in half,
 * and the first half is let through by the sigmoid of the second,
 * a · sigmoid(b). A convolution before it makes twice the channels that come
 * out, so every output channel learns its own gate.
 *
 * No weights, so nothing to initialise; registered with tf.serialization so
 * checkpoints and bundles rebuild it (bundle/layers-script.ts re-creates it
 * for runtimes without the studio's code, with the same ops in the same order).
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;
type Shape = (number | null)[];

export class GatedLinearUnit extends tfl.layers.Layer {
  static readonly className = 'GatedLinearUnit';

  constructor(layerArgs: LayerArgs = {}) {
    super(layerArgs);
  }

  override build(inputShape: Shape | Shape[]): void {
    const channels = singleShape(inputShape).at(-1);
    if (channels != null && channels % 2 !== 0) throw new Error(`${this.name}: a gated linear unit needs an even number of channels, not ${channels}`);
    super.build(inputShape);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shape = singleShape(inputShape);
    const channels = shape.at(-1);
    return [...shape.slice(0, -1), channels == null ? null : channels / 2];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0]! : inputs;
      const [signal, gate] = tf.split(x, 2, -1);
      return tf.mul(signal!, tf.sigmoid(gate!));
    });
  }
}
// Registered on import so tfl.loadLayersModel and the EMA copy can rebuild a model that uses it.
tf.serialization.registerClass(GatedLinearUnit);

function singleShape(inputShape: Shape | Shape[]): Shape {
  const first = inputShape[0];
  return Array.isArray(first) ? first : (inputShape as Shape);
}
