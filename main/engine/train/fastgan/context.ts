/**
 * Everything FastGAN's one-step trainers work on: the config, the generator,
 * the discriminator and its two reconstruction decoders, the generator's
 * moving average, and one Adam optimizer per side (the decoders train with
 * the discriminator, on its optimizer, as in the paper).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { FastGanConfig } from '../../models/config';
import { buildFastGanDecoders, type FastGanDecoders } from '../../models/fastgan-decoders';
import { buildFastGanDiscriminator } from '../../models/fastgan-discriminator';
import { buildFastGanGenerator } from '../../models/fastgan-generator';
import { initialiseWeights } from '../../models/init';
import type { SeededRandom } from '../../random';
import { createEma } from '../ema';
import { registerTrainingGradients } from '../steps-gradients';

export interface FastGanContext {
  readonly config: FastGanConfig;
  readonly generator: tfl.LayersModel;
  /** Outputs [logits, 8×8 features, 16×16 features]; see models/fastgan-discriminator. */
  readonly discriminator: tfl.LayersModel;
  readonly decoders: FastGanDecoders;
  /** The generator's exponential moving average; null when config.emaDecay is 0. */
  readonly ema: tfl.LayersModel | null;
  readonly generatorOptimizer: tf.AdamOptimizer;
  /** Trains the discriminator and both decoders. */
  readonly discriminatorOptimizer: tf.AdamOptimizer;
}

/**
 * Builds and initialises a fresh run's models, drawing from `random` in a
 * fixed order — generator, discriminator, whole-image decoder, quadrant
 * decoder — so one seed always gives the same models.
 */
export function createFastGanContext(config: FastGanConfig, random: SeededRandom): FastGanContext {
  registerTrainingGradients();
  const generator = buildFastGanGenerator(config);
  const discriminator = buildFastGanDiscriminator(config);
  const decoders = buildFastGanDecoders(config);
  for (const model of [generator, discriminator, decoders.whole, decoders.part]) initialiseWeights(model, random);
  const [beta1, beta2] = config.betas;
  return {
    config,
    generator,
    discriminator,
    decoders,
    ema: config.emaDecay > 0 ? createEma(generator) : null,
    generatorOptimizer: tf.train.adam(config.learningRates.generator, beta1, beta2),
    discriminatorOptimizer: tf.train.adam(config.learningRates.discriminator, beta1, beta2),
  };
}

/** The networks and optimizers a checkpoint keeps, by name. */
export function fastGanState(context: FastGanContext) {
  return {
    networks: [
      ['generator', context.generator],
      ['discriminator', context.discriminator],
      ['decoderWhole', context.decoders.whole],
      ['decoderPart', context.decoders.part],
      ...(context.ema ? ([['ema', context.ema]] as const) : []),
    ] as const,
    optimizers: [['optimizerG', context.generatorOptimizer], ['optimizerD', context.discriminatorOptimizer]] as const,
  };
}

/** Frees every tensor the context holds: models, moving average and optimizer slots. */
export function disposeFastGanContext(context: FastGanContext): void {
  for (const model of [context.generator, context.discriminator, context.decoders.whole, context.decoders.part, context.ema]) model?.dispose();
  context.generatorOptimizer.dispose();
  context.discriminatorOptimizer.dispose();
}
