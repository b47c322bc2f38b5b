/**
 * Reflection padding, as CycleGAN's ResNet generator pads before its
 * convolutions: the border is the image mirrored at its edge (without
 * repeating the edge pixel), so a convolution sees plausible content there
 * instead of black, and no dark frame creeps into the output.
 *
 * tfjs's mirrorPad computes it (a native kernel on wasm), but its gradient
 * only crops: the mirrored pixels' share of the gradient is lost. Here the
 * gradient folds each padded strip back onto the pixels it copied.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;
type Shape = (number | null)[];

export interface ReflectionPadding2DArgs extends LayerArgs {
  /** Pixels added on every side; less than the image's side. */
  padding: number;
}

export class ReflectionPadding2D extends tfl.layers.Layer {
  static readonly className = 'ReflectionPadding2D';
  readonly padding: number;

  constructor({ padding, ...layerArgs }: ReflectionPadding2DArgs) {
    super(layerArgs);
    if (!Number.isInteger(padding) || padding < 1) throw new Error(`padding must be a whole number of at least 1, not ${padding}`);
    this.padding = padding;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const first = inputShape[0];
    const shape = Array.isArray(first) ? first : (inputShape as Shape);
    const grow = (size: number | null | undefined) => (size == null ? null : size + 2 * this.padding);
    return [shape[0] ?? null, grow(shape[1]), grow(shape[2]), shape[3] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
    return reflectionPad(x, this.padding);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), padding: this.padding };
  }
}
// Registered on import so tfl.loadLayersModel can rebuild a model that uses it.
tf.serialization.registerClass(ReflectionPadding2D);

/** Pads height and width by `padding` on each side, mirroring at the edges; [n, h, w, c] → [n, h + 2p, w + 2p, c]. */
export function reflectionPad(x: tf.Tensor4D, padding: number): tf.Tensor4D {
  const [, height, width] = x.shape;
  if (padding >= height || padding >= width) throw new Error(`cannot reflect ${padding} pixels of a ${width}×${height} image`);
  const pad = tf.customGrad((input, save) => {
    const image = input as tf.Tensor4D;
    (save as tf.GradSaveFunc)([image]);
    return {
      value: tf.mirrorPad(image, [[0, 0], [padding, padding], [padding, padding], [0, 0]], 'reflect'),
      gradFunc: (dy) => foldAxis(foldAxis(dy as tf.Tensor4D, 1, padding), 2, padding),
    };
  });
  return pad(x) as tf.Tensor4D;
}

/**
 * The gradient of reflection padding along one axis: padded position p − 1 − k
 * copied pixel k + 1, and position n + p + k copied pixel n − 2 − k, so their
 * gradients add there.
 */
function foldAxis(dy: tf.Tensor4D, axis: 1 | 2, padding: number): tf.Tensor4D {
  const length = dy.shape[axis] - 2 * padding;
  const along = (start: number, size: number) => {
    const begin = [0, 0, 0, 0];
    const sizes = [-1, -1, -1, -1];
    begin[axis] = start;
    sizes[axis] = size;
    return tf.slice(dy, begin, sizes);
  };
  const padAlong = (strip: tf.Tensor4D, before: number, after: number) => {
    const paddings: [number, number][] = [[0, 0], [0, 0], [0, 0], [0, 0]];
    paddings[axis] = [before, after];
    return tf.pad(strip, paddings);
  };
  const centre = along(padding, length);
  // Reversed, the leading strip lines up with pixels 1 … p, the trailing one with n − 1 − p … n − 2.
  const leading = tf.reverse(along(0, padding), axis);
  const trailing = tf.reverse(along(padding + length, padding), axis);
  return tf.addN([centre, padAlong(leading, 1, length - 1 - padding), padAlong(trailing, length - 1 - padding, 1)]) as tf.Tensor4D;
}
