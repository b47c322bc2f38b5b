/**
 * Everything the one-step trainers work on: the config, the two networks,
 * the generator's moving average, and one Adam optimizer per network.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { DcganConfig } from '../../models/config';
import { buildDiscriminator, buildGenerator } from '../../models/dcgan';
import { initialiseWeights } from '../../models/init';
import type { SeededRandom } from '../../random';
import { createEma } from '../ema';
import { registerTrainingGradients } from '../steps-gradients';

export interface DcganContext {
  readonly config: DcganConfig;
  readonly generator: tfl.LayersModel;
  readonly discriminator: tfl.LayersModel;
  /** The generator's exponential moving average; null when config.emaDecay is 0. */
  readonly ema: tfl.LayersModel | null;
  readonly generatorOptimizer: tf.AdamOptimizer;
  readonly discriminatorOptimizer: tf.AdamOptimizer;
}

/**
 * Builds and initialises a fresh run's models. The generator draws its
 * weights from `random` first, then the discriminator, so one seed always
 * gives the same pair.
 */
export function createDcganContext(config: DcganConfig, random: SeededRandom): DcganContext {
  registerTrainingGradients();
  const generator = buildGenerator(config);
  const discriminator = buildDiscriminator(config);
  initialiseWeights(generator, random);
  initialiseWeights(discriminator, random);
  const [beta1, beta2] = config.betas;
  return {
    config,
    generator,
    discriminator,
    ema: config.emaDecay > 0 ? createEma(generator) : null,
    generatorOptimizer: tf.train.adam(config.learningRates.generator, beta1, beta2),
    discriminatorOptimizer: tf.train.adam(config.learningRates.discriminator, beta1, beta2),
  };
}

/** The networks and optimizers a checkpoint keeps, by name. */
export function dcganState(context: DcganContext) {
  return {
    networks: [['generator', context.generator], ['discriminator', context.discriminator], ...(context.ema ? ([['ema', context.ema]] as const) : [])] as const,
    optimizers: [['optimizerG', context.generatorOptimizer], ['optimizerD', context.discriminatorOptimizer]] as const,
  };
}

/** Frees every tensor the context holds: models, moving average and optimizer slots. */
export function disposeDcganContext(context: DcganContext): void {
  context.generator.dispose();
  context.discriminator.dispose();
  context.ema?.dispose();
  context.generatorOptimizer.dispose();
  context.discriminatorOptimizer.dispose();
}
