/**
 * Bilinear ×2 upsampling with half-pixel centres: each output pixel is
 * ¾ of its source pixel and ¼ of the neighbour on its side, the edge pixel
 * standing in for the missing neighbour (PyTorch's
 * `interpolate(mode='bilinear', align_corners=False)`). It equals a nearest
 * ×2 resize followed by a [1, 2, 1]/4 blur along each axis, so it prints
 * none of the copies of the coarse spectrum that nearest doubling leaves at
 * the upsampling frequencies (2-, 4- and 8-pixel periods after three
 * doublings): the harmonic peaks the spectral score looks for.
 *
 * tfjs's own choices do not do this: UpSampling2D's bilinear mode resizes
 * without half-pixel centres (even pixels copy, odd ones average, which is
 * itself a 2-pixel pattern), and the wasm backend's ResizeBilinearGrad
 * ignores halfPixelCenters. Built from nearest resizing, mirror padding and
 * mean pooling, the gradient is exact on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { reflectionPad } from './reflection-pad';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;
type Shape = (number | null)[];

export class BilinearUpsampling2D extends tfl.layers.Layer {
  static readonly className = 'BilinearUpsampling2D';

  constructor(layerArgs: LayerArgs = {}) {
    super(layerArgs);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const first = inputShape[0];
    const shape = Array.isArray(first) ? first : (inputShape as Shape);
    const double = (size: number | null | undefined) => (size == null ? null : 2 * size);
    return [shape[0] ?? null, double(shape[1]), double(shape[2]), shape[3] ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0]! : inputs) as tf.Tensor4D;
    return tf.tidy(() => doubleBilinear(x));
  }
}
// Registered on import so tfl.loadLayersModel can rebuild a model that uses it.
tf.serialization.registerClass(BilinearUpsampling2D);

/**
 * Doubles height and width: a nearest ×2 resize, its edge repeated one pixel
 * out, then two 2×2 means (stride 1), which together are the [1, 2, 1]/4 blur
 * along each axis. Native kernels all: the same done with slices and sums
 * trains 15× slower on wasm.
 */
export function doubleBilinear(x: tf.Tensor4D): tf.Tensor4D {
  // Mirroring a nearest-doubled map by one pixel repeats its edge pixel, as the half-pixel rule wants.
  return tf.avgPool(tf.avgPool(reflectionPad(doubleNearest(x), 1), 2, 1, 'valid'), 2, 1, 'valid');
}

/**
 * Nearest ×2 with its gradient written out: each input pixel gets the sum of
 * the 2×2 block it was copied to. tfjs's cpu backend computes
 * ResizeNearestNeighborGrad wrongly for a batch of more than one image
 * (tfjs-backend-cpu 4.22); a 2×2 stride-2 mean, times 4, is right everywhere.
 */
function doubleNearest(x: tf.Tensor4D): tf.Tensor4D {
  const [, height, width] = x.shape;
  const double = tf.customGrad((input, save) => {
    (save as tf.GradSaveFunc)([]);
    return {
      value: tf.image.resizeNearestNeighbor(input as tf.Tensor4D, [2 * height, 2 * width]),
      gradFunc: (dy) => tf.mul(tf.avgPool(dy as tf.Tensor4D, 2, 2, 'valid'), 4),
    };
  });
  return double(x) as tf.Tensor4D;
}

/** The layer a generator resizes with before its convolution: bilinear (this file's) or tfjs's nearest. */
export function resizeLayer(resize: 'bilinear' | 'nearest', name: string): tfl.layers.Layer {
  return resize === 'bilinear' ? new BilinearUpsampling2D({ name }) : tfl.layers.upSampling2d({ size: [2, 2], interpolation: 'nearest', name });
}
