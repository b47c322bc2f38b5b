/**
 * One training step: a discriminator step on a batch and a generator step,
 * then the moving average. Every random input is drawn from the run's
 * generator in a fixed order, so the sequence of steps is reproducible and
 * resumable. The training loop and the speed estimate both take steps here.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../random';
import { sampleAugmentParams } from '../augment';
import type { Batch } from '../data';
import { emaDecayAt, updateEma } from '../ema';
import { discriminatorStep, generatorStep } from './steps';
import type { DcganContext } from './context';

/** Takes ownership of the batch's tensors; `step` counts the steps taken before this one. */
export function trainStep(context: DcganContext, batch: Batch, random: SeededRandom, step: number): Record<string, number> {
  const { config } = context;
  const { batchSize, latentSize, resolution, classes } = config;
  const noise = () => tf.tensor2d(random.fillNormal(new Float32Array(batchSize * latentSize)), [batchSize, latentSize]);
  const labels = () => (classes > 0 ? tf.tensor1d(Int32Array.from({ length: batchSize }, () => random.below(classes)), 'int32') : null);
  const dNoise = noise();
  const dLabels = labels();
  const augmentReal = sampleAugmentParams(random, batchSize, resolution, config.augment);
  const augmentFake = sampleAugmentParams(random, batchSize, resolution, config.augment);
  let d;
  try {
    d = discriminatorStep(context, batch.images, classes > 0 ? batch.labels : null, dNoise, dLabels, augmentReal, augmentFake);
  } finally {
    tf.dispose(present(batch.images, batch.labels, dNoise, dLabels));
  }
  const gNoise = noise();
  const gLabels = labels();
  const augmentG = sampleAugmentParams(random, batchSize, resolution, config.augment);
  let g;
  try {
    g = generatorStep(context, gNoise, gLabels, augmentG);
  } finally {
    tf.dispose(present(gNoise, gLabels));
  }
  if (context.ema) updateEma(context.ema, context.generator, emaDecayAt(step, config.emaDecay));
  return { lossD: d.lossD, dReal: d.dReal, dFake: d.dFake, signReal: d.signReal, r1: d.r1, lossG: g.lossG };
}

function present(...tensors: (tf.Tensor | null)[]): tf.Tensor[] {
  return tensors.filter((tensor) => tensor !== null);
}
