/**
 * An exponential moving average of the generator's weights (Karras et al.
 * 2018; Yazıcı et al. 2019). Samples from the average are smoother and more
 * stable than from the generator itself, which jumps with every step; the
 * average is what the studio samples from once a run has one.
 *
 * Every weight is averaged, batch-norm running statistics included (as in
 * BigGAN's reference code), so one rule covers all of them.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/**
 * A second model with the generator's architecture and, to begin with, its
 * weights. Rebuilt from the generator's own config, so it works for any
 * generator without knowing which builder made it.
 */
export function createEma(generator: tfl.LayersModel): tfl.LayersModel {
  const ema = tfl.LayersModel.fromConfig(tfl.LayersModel, generator.getConfig()) as tfl.LayersModel;
  // setWeights assigns each tensor to a variable of the copy: nothing to dispose, the variables share the data.
  ema.setWeights(generator.getWeights());
  return ema;
}

/** ema ← decay · ema + (1 − decay) · generator, for every weight. */
export function updateEma(ema: tfl.LayersModel, generator: tfl.LayersModel, decay: number): void {
  if (!(decay >= 0 && decay <= 1)) throw new Error(`EMA decay must lie in [0, 1], not ${decay}`);
  const averaged = ema.weights;
  const current = generator.weights;
  if (averaged.length !== current.length) throw new Error(`the EMA has ${averaged.length} weights but the generator ${current.length}`);
  tf.tidy(() => {
    averaged.forEach((average, index) => {
      const latest = current[index]!.read();
      // latest + decay · (average − latest), one multiply fewer than the textbook form.
      average.write(tf.add(latest, tf.mul(tf.sub(average.read(), latest), decay)));
    });
  });
}

/**
 * The decay to use at a step: the configured one, but smaller early on, so
 * the average follows a young generator instead of staying near its random
 * start for thousands of steps (0.999 keeps 82% of the start after 200 steps).
 * The (1 + t) / (10 + t) ramp is TensorFlow's ExponentialMovingAverage
 * num_updates rule; it depends on the step alone, so resuming is exact.
 */
export function emaDecayAt(step: number, decay: number): number {
  return Math.min(decay, (1 + step) / (10 + step));
}
