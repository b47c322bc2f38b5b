/**
 * Everything CycleGAN's one-step trainer works on: two generators (A → B and
 * B → A) under one Adam optimizer, two discriminators (one per domain) under
 * another, as the reference code pairs them, and a history pool of
 * translations for each discriminator.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { CycleGanConfig } from '../../models/config';
import { initialiseWeights } from '../../models/init';
import { buildDomainDiscriminator, buildTranslationGenerator } from '../../models/translation';
import type { SeededRandom } from '../../random';
import { HistoryPool } from './history-pool';

export interface CycleGanContext {
  readonly config: CycleGanConfig;
  readonly generatorAB: tfl.LayersModel;
  readonly generatorBA: tfl.LayersModel;
  /** Tells real A images from B → A translations. */
  readonly discriminatorA: tfl.LayersModel;
  readonly discriminatorB: tfl.LayersModel;
  readonly generatorOptimizer: tf.AdamOptimizer;
  readonly discriminatorOptimizer: tf.AdamOptimizer;
  /** Earlier translations into A and into B. */
  readonly poolA: HistoryPool;
  readonly poolB: HistoryPool;
}

/** Builds and initialises a fresh run's models, drawing their weights in a fixed order: G_AB, G_BA, D_A, D_B. */
export function createCycleGanContext(config: CycleGanConfig, random: SeededRandom): CycleGanContext {
  const generatorAB = buildTranslationGenerator(config, 'AtoB');
  const generatorBA = buildTranslationGenerator(config, 'BtoA');
  const discriminatorA = buildDomainDiscriminator(config, 'A');
  const discriminatorB = buildDomainDiscriminator(config, 'B');
  for (const model of [generatorAB, generatorBA, discriminatorA, discriminatorB]) initialiseWeights(model, random);
  const [beta1, beta2] = config.betas;
  const { resolution } = config;
  return {
    config,
    generatorAB,
    generatorBA,
    discriminatorA,
    discriminatorB,
    generatorOptimizer: tf.train.adam(config.learningRate, beta1, beta2),
    discriminatorOptimizer: tf.train.adam(config.learningRate, beta1, beta2),
    poolA: new HistoryPool(config.poolSize, [resolution, resolution, config.channelsA]),
    poolB: new HistoryPool(config.poolSize, [resolution, resolution, config.channelsB]),
  };
}

/** The networks and optimizers a checkpoint keeps, by name (the pools are stored beside them). */
export function cycleGanState(context: CycleGanContext) {
  return {
    networks: [
      ['generatorAB', context.generatorAB],
      ['generatorBA', context.generatorBA],
      ['discriminatorA', context.discriminatorA],
      ['discriminatorB', context.discriminatorB],
    ] as const,
    optimizers: [['optimizerG', context.generatorOptimizer], ['optimizerD', context.discriminatorOptimizer]] as const,
  };
}

export function disposeCycleGanContext(context: CycleGanContext): void {
  for (const model of [context.generatorAB, context.generatorBA, context.discriminatorA, context.discriminatorB]) model.dispose();
  context.generatorOptimizer.dispose();
  context.discriminatorOptimizer.dispose();
}
