/**
 * The translation models' schedule (pix2pix and CycleGAN reference code's
 * "linear" policy, in steps rather than epochs): the learning rate holds for
 * the first part of the run, then falls linearly towards zero at its last
 * step. It depends on the step and the run's length alone, so a resumed run
 * takes the same steps; training a run further than planned stretches the
 * decay over the new length.
 */
import type * as tf from '@tensorflow/tfjs-core';

/** The rate for the step after `step` steps of `totalSteps`, starting to fall after `decayStart` of the run. */
export function learningRateAt(base: number, step: number, totalSteps: number, decayStart: number): number {
  const decayFrom = Math.floor(decayStart * totalSteps);
  if (step < decayFrom) return base;
  return (base * Math.max(0, totalSteps - step)) / Math.max(1, totalSteps - decayFrom);
}

/** tfjs's Adam reads its rate at every update; it has no public setter. */
export function setLearningRate(optimizer: tf.AdamOptimizer, rate: number): void {
  (optimizer as unknown as { learningRate: number }).learningRate = rate;
}
