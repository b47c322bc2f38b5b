/**
 * Turns int32 class labels [batch] or [batch, 1] into one-hot rows [batch, classes], so a
 * dense layer without bias after it acts as a class embedding.
 *
 * Why not tfl.layers.embedding: its gradient is UnsortedSegmentSum, which the
 * wasm backend does not have; a one-hot matrix product trains on every
 * backend. (tfl.layers.categoryEncoding would do the same but reads its input
 * back to the CPU on every call to check the range.)
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

export interface OneHotArgs extends LayerArgs {
  depth: number;
}

type Shape = (number | null)[];

export class OneHot extends tfl.layers.Layer {
  static readonly className = 'OneHot';
  readonly depth: number;

  constructor({ depth, ...layerArgs }: OneHotArgs) {
    super(layerArgs);
    if (!Number.isInteger(depth) || depth < 1) throw new Error(`depth must be a positive whole number, not ${depth}`);
    this.depth = depth;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const first = inputShape[0];
    const shape = Array.isArray(first) ? first : (inputShape as Shape);
    return [shape[0] ?? null, this.depth];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const labels = Array.isArray(inputs) ? inputs[0]! : inputs;
      // Labels may arrive as float32 from a generic feed; oneHot needs integers.
      return tf.oneHot(tf.cast(tf.reshape(labels, [-1]), 'int32'), this.depth);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), depth: this.depth };
  }
}
// Registered on import so tfl.loadLayersModel can rebuild a conditional model.
tf.serialization.registerClass(OneHot);
