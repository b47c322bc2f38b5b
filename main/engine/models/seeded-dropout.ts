/**
 * Dropout whose masks come from the run's SeededRandom. pix2pix's noise is
 * dropout in its decoder while training; tfjs's own dropout draws from an
 * unseeded source that no checkpoint can save, so a resumed run would not
 * take the steps it would have taken. Here the training code hands the layer
 * its random source, and the masks are drawn from it in the order the layers
 * run, which is always the same.
 *
 * At inference the layer does nothing: a translation is a function of its
 * input, so tiles agree where they overlap and a live preview does not flicker.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { SeededRandom } from '../random';

type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

export interface SeededDropoutArgs extends LayerArgs {
  /** The fraction of values dropped while training, in [0, 1). */
  rate: number;
}

export class SeededDropout extends tfl.layers.Layer {
  static readonly className = 'SeededDropout';
  readonly rate: number;
  /** Where training draws its masks; training without one is an error rather than unseeded noise. */
  random: SeededRandom | null = null;

  constructor({ rate, ...layerArgs }: SeededDropoutArgs) {
    super(layerArgs);
    if (!(rate >= 0 && rate < 1)) throw new Error(`dropout rate must lie in [0, 1), not ${rate}`);
    this.rate = rate;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { readonly [key: string]: unknown }): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0]! : inputs;
    if (kwargs['training'] !== true || this.rate === 0) return x;
    if (!this.random) throw new Error(`${this.name} is training without a seeded random source`);
    const keep = 1 / (1 - this.rate);
    const mask = new Float32Array(x.size);
    for (let index = 0; index < mask.length; index++) mask[index] = this.random.uniform() < this.rate ? 0 : keep;
    return tf.tidy(() => tf.mul(x, tf.tensor(mask, x.shape)));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate };
  }
}
// Registered on import so tfl.loadLayersModel can rebuild a model that uses it.
tf.serialization.registerClass(SeededDropout);

/** Gives every dropout layer of `model` the run's random source. */
export function seedDropout(model: tfl.LayersModel, random: SeededRandom): void {
  for (const layer of model.layers) if (layer instanceof SeededDropout) layer.random = random;
}
