/**
 * A pix2pix run as the loop sees it: pairs in a fresh shuffle each epoch,
 * some pairs held out, whose translations the previews show (input | output |
 * target) and the metrics score against their targets (L1, PSNR, SSIM, and
 * the spectral artefact score where enough pairs are held out).
 */
import { gridOf } from '../../latent/generate';
import { imageSimilarity } from '../../metrics/image-similarity';
import { measureSpectralArtefacts } from '../../metrics/spectral-artefacts';
import type { Pix2pixConfig } from '../../models/config';
import type { SeededRandom } from '../../random';
import { imagesOf, interleave } from '../../translate/image-tensors';
import { translatePixels } from '../../translate/translate-images';
import * as tf from '@tensorflow/tfjs-core';
import { ExampleOrder, type DataPosition } from '../data';
import { learningRateAt } from '../learning-rate';
import type { Trainee } from '../trainee';
import { batchOf, openDomains, type DomainCaches } from '../translation-data';
import { createPix2pixContext, disposePix2pixContext, pix2pixState } from './context';
import { pix2pixStep } from './step';

/** Held-out pairs in each preview grid. */
const previewRows = 4;
/** Fewer held-out pairs than this and a spectrum tells more of the particular images than of the model: two sets of 4 real images score 5–11 against each other. */
const spectralMinimumPairs = 8;

export function createPix2pixTrainee(config: Pix2pixConfig, caches: DomainCaches, seed: number, random: SeededRandom, position: DataPosition | undefined): Trainee {
  const context = createPix2pixContext(config, random);
  let domains: ReturnType<typeof openDomains>;
  try {
    domains = openDomains(config, caches, true);
  } catch (error) {
    disposePix2pixContext(context);
    throw error;
  }
  const [input, target] = config.direction === 'AtoB' ? [domains.A, domains.B] : [domains.B, domains.A];
  // Pairs share indexes: the A side's split is the B side's.
  const order = new ExampleOrder(domains.A.training, config.batchSize, seed, position);
  return {
    ...pix2pixState(context),
    imagesPerStep: 2 * config.batchSize,
    get dataState() {
      return order.position;
    },
    step: (step, totalSteps) => {
      const indices = order.next();
      const inputs = batchOf(input, indices);
      const targets = batchOf(target, indices);
      try {
        return { ...pix2pixStep(context, inputs, targets, learningRateAt(config.learningRate, step, totalSteps, config.decayStart)) };
      } finally {
        tf.dispose([inputs, targets]);
      }
    },
    preview: async () => {
      const rows = Math.min(previewRows, input.heldOut.count);
      const inputs = imagesOf(input.heldOut, 0, rows);
      return gridOf(interleave([inputs, translatePixels(context.generator, inputs), imagesOf(target.heldOut, 0, rows)]), 3);
    },
    measure: async () => {
      const outputs = translatePixels(context.generator, input.heldOut);
      const { l1, psnr, ssim } = imageSimilarity(outputs, target.heldOut);
      const spectral = target.heldOut.count >= spectralMinimumPairs ? measureSpectralArtefacts(outputs, target.heldOut) : null;
      return { heldOutL1: l1, heldOutPsnr: psnr, heldOutSsim: ssim, ...(spectral && { spectral: spectral.score, spectralHarmonic: spectral.harmonic }) };
    },
    extraTensors: () => [],
    restoreExtra: () => {},
    dispose: () => {
      domains.close();
      disposePix2pixContext(context);
    },
  };
}
