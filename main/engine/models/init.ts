/**
 * Gives a freshly built model its starting weights from the run's
 * SeededRandom. TensorFlow.js ignores initializer seeds, so the values tfjs
 * drew while building are replaced: the same seed then always gives the same
 * model, and a checkpoint's random state says everything that came next.
 *
 * Each layer keeps saying which distribution its weights start from (its
 * `kernelInitializer`, `gammaInitializer`, …, as the builders declared them);
 * this file only draws from it. An initializer it cannot reproduce is an
 * error rather than a silent unseeded draw.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { SeededRandom } from '../random';

interface SerializedInitializer {
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** Draws every weight of `model`, layer by layer in build order, so the draws always come in the same sequence. */
export function initialiseWeights(model: tfl.LayersModel, random: SeededRandom): void {
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const layerConfig = layer.getConfig();
    const values = layer.weights.map((weight) => {
      const initializer = layerConfig[initializerKey(weight.originalName)] as SerializedInitializer | undefined;
      if (!initializer) throw new Error(`${weight.originalName}: its layer declares no initializer to draw it from`);
      return draw(initializer, sizeOf(weight.shape), random, weight.originalName);
    });
    // The variables keep the data: the tensors made to carry it can go.
    tf.tidy(() => layer.setWeights(values.map((value, index) => tf.tensor(value, layer.weights[index]!.shape as number[]))));
  }
}

/** 'g_dense_bn/moving_mean' → 'movingMeanInitializer', the layer config's key for how it starts. */
function initializerKey(weightName: string): string {
  const suffix = weightName.slice(weightName.lastIndexOf('/') + 1);
  return `${suffix.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())}Initializer`;
}

function draw(initializer: SerializedInitializer, size: number, random: SeededRandom, weightName: string): Float32Array {
  const values = new Float32Array(size);
  switch (initializer.className) {
    case 'Zeros':
      return values;
    case 'Ones':
      return values.fill(1);
    case 'Constant':
      return values.fill(initializer.config['value'] as number);
    case 'RandomNormal':
      return random.fillNormal(values, initializer.config['mean'] as number, initializer.config['stddev'] as number);
    default:
      throw new Error(`${weightName}: cannot draw from a ${initializer.className} initializer with a seeded random source`);
  }
}

function sizeOf(shape: readonly (number | null)[]): number {
  return shape.reduce<number>((product, dimension) => product * dimension!, 1);
}
