/**
 * Everything pix2pix's one-step trainer works on: the config, the U-Net
 * generator (its dropout drawing from the run's random source), the PatchGAN
 * discriminator and one Adam optimizer per network.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { Pix2pixConfig } from '../../models/config';
import { initialiseWeights } from '../../models/init';
import { seedDropout } from '../../models/seeded-dropout';
import { buildPix2pixDiscriminator, buildTranslationGenerator } from '../../models/translation';
import type { SeededRandom } from '../../random';

export interface Pix2pixContext {
  readonly config: Pix2pixConfig;
  readonly generator: tfl.LayersModel;
  readonly discriminator: tfl.LayersModel;
  readonly generatorOptimizer: tf.AdamOptimizer;
  readonly discriminatorOptimizer: tf.AdamOptimizer;
}

/** Builds and initialises a fresh run's models: the generator's weights are drawn first, then the discriminator's. */
export function createPix2pixContext(config: Pix2pixConfig, random: SeededRandom): Pix2pixContext {
  const generator = buildTranslationGenerator(config, config.direction);
  const discriminator = buildPix2pixDiscriminator(config);
  initialiseWeights(generator, random);
  initialiseWeights(discriminator, random);
  seedDropout(generator, random);
  const [beta1, beta2] = config.betas;
  return {
    config,
    generator,
    discriminator,
    generatorOptimizer: tf.train.adam(config.learningRate, beta1, beta2),
    discriminatorOptimizer: tf.train.adam(config.learningRate, beta1, beta2),
  };
}

/** The networks and optimizers a checkpoint keeps, by name. */
export function pix2pixState(context: Pix2pixContext) {
  return {
    networks: [['generator', context.generator], ['discriminator', context.discriminator]] as const,
    optimizers: [['optimizerG', context.generatorOptimizer], ['optimizerD', context.discriminatorOptimizer]] as const,
  };
}

export function disposePix2pixContext(context: Pix2pixContext): void {
  context.generator.dispose();
  context.discriminator.dispose();
  context.generatorOptimizer.dispose();
  context.discriminatorOptimizer.dispose();
}
