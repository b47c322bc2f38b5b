/**
 * One FastGAN training step: a discriminator step on a batch (with its
 * reconstruction of one quadrant), a generator step, then the moving average.
 * Every random input — noise, labels, augmentation, the quadrant — is drawn
 * from the run's generator in a fixed order, so the sequence of steps is
 * reproducible and a resumed run takes exactly the steps it would have.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SeededRandom } from '../../random';
import { sampleAugmentParams } from '../augment';
import type { Batch } from '../data';
import { emaDecayAt, updateEma } from '../ema';
import type { FastGanContext } from './context';
import type { Quadrant } from './reconstruction';
import { discriminatorStep, generatorStep, type FastGanDiscriminatorStepResult, type FastGanGeneratorStepResult } from './steps';

/** A type, not an interface, so that it is also a Record<string, number>, what the loop's trainees return. */
export type FastGanStepResult = FastGanDiscriminatorStepResult & FastGanGeneratorStepResult;

/** Takes ownership of the batch's tensors; `step` counts the steps taken before this one. */
export function trainStep(context: FastGanContext, batch: Batch, random: SeededRandom, step: number): FastGanStepResult {
  const { config } = context;
  const { batchSize, latentSize, resolution, classes } = config;
  const noise = () => tf.tensor2d(random.fillNormal(new Float32Array(batchSize * latentSize)), [batchSize, latentSize]);
  const labels = () => (classes > 0 ? tf.tensor1d(Int32Array.from({ length: batchSize }, () => random.below(classes)), 'int32') : null);
  const dNoise = noise();
  const dLabels = labels();
  const augmentReal = sampleAugmentParams(random, batchSize, resolution, config.augment);
  const augmentFake = sampleAugmentParams(random, batchSize, resolution, config.augment);
  // One quadrant for the whole batch, as the paper draws it.
  const quadrant = random.below(4) as Quadrant;
  let d;
  try {
    d = discriminatorStep(context, batch.images, classes > 0 ? batch.labels : null, dNoise, dLabels, augmentReal, augmentFake, quadrant);
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
  return { ...d, lossG: g.lossG };
}

function present(...tensors: (tf.Tensor | null)[]): tf.Tensor[] {
  return tensors.filter((tensor) => tensor !== null);
}
