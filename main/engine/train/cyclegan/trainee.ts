/**
 * A CycleGAN run as the loop sees it: A and B images each in their own
 * shuffle, some of each held out; previews show held-out images there and
 * back (A | A→B | A→B→A, and the same from B), and the metric is the
 * held-out cycle error: how far an image is from its round trip.
 */
import * as tf from '@tensorflow/tfjs-core';
import { gridOf } from '../../latent/generate';
import { imageSimilarity } from '../../metrics/image-similarity';
import type { ImageBatch } from '../../metrics/image-batch';
import type { CycleGanConfig } from '../../models/config';
import type { SeededRandom } from '../../random';
import { concatenate, imagesOf, interleave } from '../../translate/image-tensors';
import { translatePixels } from '../../translate/translate-images';
import type { StoredTensor } from '../../../formats/checkpoint-file';
import { ExampleOrder, type DataPosition } from '../data';
import { learningRateAt } from '../learning-rate';
import type { Trainee } from '../trainee';
import { batchOf, openDomains, type DomainCaches } from '../translation-data';
import { createCycleGanContext, cycleGanState, disposeCycleGanContext } from './context';
import { cycleGanStep } from './step';

/** Held-out images of each side in a preview grid. */
const previewRows = 2;
/** B's shuffles come from a seed of their own, so A and B examples are not met in lockstep. */
const domainBSalt = 0x6b43a9b5;

export function createCycleGanTrainee(
  config: CycleGanConfig,
  caches: DomainCaches,
  seed: number,
  random: SeededRandom,
  position: { readonly A: DataPosition; readonly B: DataPosition } | undefined,
): Trainee {
  const context = createCycleGanContext(config, random);
  let domains: ReturnType<typeof openDomains>;
  try {
    domains = openDomains(config, caches, false);
  } catch (error) {
    disposeCycleGanContext(context);
    throw error;
  }
  const orderA = new ExampleOrder(domains.A.training, config.batchSize, seed, position?.A);
  const orderB = new ExampleOrder(domains.B.training, config.batchSize, (seed ^ domainBSalt) >>> 0, position?.B);
  const there = (images: ImageBatch, from: 'A' | 'B') => translatePixels(from === 'A' ? context.generatorAB : context.generatorBA, images);
  const roundTrip = (images: ImageBatch, from: 'A' | 'B') => {
    const translated = there(images, from);
    return { translated, back: there(translated, from === 'A' ? 'B' : 'A') };
  };
  return {
    ...cycleGanState(context),
    imagesPerStep: 4 * config.batchSize,
    get dataState() {
      return { A: orderA.position, B: orderB.position };
    },
    step: (step, totalSteps) => {
      const realA = batchOf(domains.A, orderA.next());
      const realB = batchOf(domains.B, orderB.next());
      try {
        return { ...cycleGanStep(context, realA, realB, random, learningRateAt(config.learningRate, step, totalSteps, config.decayStart)) };
      } finally {
        tf.dispose([realA, realB]);
      }
    },
    preview: async () => {
      const rows = (from: 'A' | 'B') => {
        const images = imagesOf(domains[from].heldOut, 0, Math.min(previewRows, domains[from].heldOut.count));
        const { translated, back } = roundTrip(images, from);
        return interleave([images, translated, back]);
      };
      return gridOf(concatenate([rows('A'), rows('B')]), 3);
    },
    measure: async () => {
      const cycleError = (from: 'A' | 'B') => imageSimilarity(roundTrip(domains[from].heldOut, from).back, domains[from].heldOut).l1;
      const errorA = cycleError('A');
      const errorB = cycleError('B');
      return { cycleErrorA: errorA, cycleErrorB: errorB, cycleError: (errorA + errorB) / 2 };
    },
    extraTensors: (): StoredTensor[] => [context.poolA.stored('poolA'), context.poolB.stored('poolB')],
    restoreExtra: (tensors) => {
      for (const [name, pool] of [['poolA', context.poolA], ['poolB', context.poolB]] as const) {
        const stored = tensors.get(name);
        if (!stored) throw new Error(`the checkpoint has no ${name}: it was made by a different model`);
        pool.restore(stored);
      }
    },
    dispose: () => {
      domains.close();
      disposeCycleGanContext(context);
    },
  };
}
