/**
 * One training step of a FastGAN or DCGAN: a discriminator step on a batch
 * and a generator step, then the moving average. Every random input is drawn
 * from the run's generator in a fixed order — the discriminator's noise,
 * labels and augmentations (and whatever else its step draws, inside
 * `discriminate`), then the generator's — so the sequence of steps is
 * reproducible and resumable. The families differ only in their two steps.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageGanConfig } from '../../models/config';
import type { SeededRandom } from '../../random';
import { sampleAugmentParams, type AugmentParams } from '../augment';
import type { Batch } from '../data';
import { emaDecayAt, updateEma } from '../ema';

export interface StepNetworks {
  readonly config: ImageGanConfig;
  readonly generator: tfl.LayersModel;
  readonly ema: tfl.LayersModel | null;
}

/** What a discriminator step takes: real images and their labels (null unless conditional), and the inputs of the fakes it judges. */
export interface DiscriminatorInputs {
  readonly images: tf.Tensor4D;
  readonly labels: tf.Tensor1D | null;
  readonly noise: tf.Tensor2D;
  readonly fakeLabels: tf.Tensor1D | null;
  readonly augmentReal: AugmentParams;
  readonly augmentFake: AugmentParams;
}

/** Takes ownership of the batch's tensors; `step` counts the steps taken before this one. */
export function imageGanStep<D extends Record<string, number>>(
  networks: StepNetworks,
  batch: Batch,
  random: SeededRandom,
  step: number,
  discriminate: (inputs: DiscriminatorInputs) => D,
  generate: (noise: tf.Tensor2D, fakeLabels: tf.Tensor1D | null, augmentFake: AugmentParams) => { readonly lossG: number },
): D & { readonly lossG: number } {
  const { config } = networks;
  const { batchSize, latentSize, resolution, classes } = config;
  const noise = () => tf.tensor2d(random.fillNormal(new Float32Array(batchSize * latentSize)), [batchSize, latentSize]);
  const labels = () => (classes > 0 ? tf.tensor1d(Int32Array.from({ length: batchSize }, () => random.below(classes)), 'int32') : null);
  const dNoise = noise();
  const dLabels = labels();
  const augmentReal = sampleAugmentParams(random, batchSize, resolution, config.augment);
  const augmentFake = sampleAugmentParams(random, batchSize, resolution, config.augment);
  let d: D;
  try {
    d = discriminate({ images: batch.images, labels: classes > 0 ? batch.labels : null, noise: dNoise, fakeLabels: dLabels, augmentReal, augmentFake });
  } finally {
    tf.dispose(present(batch.images, batch.labels, dNoise, dLabels));
  }
  const gNoise = noise();
  const gLabels = labels();
  const augmentG = sampleAugmentParams(random, batchSize, resolution, config.augment);
  let g;
  try {
    g = generate(gNoise, gLabels, augmentG);
  } finally {
    tf.dispose(present(gNoise, gLabels));
  }
  if (networks.ema) updateEma(networks.ema, networks.generator, emaDecayAt(step, config.emaDecay));
  return { ...d, lossG: g.lossG };
}

function present(...tensors: (tf.Tensor | null)[]): tf.Tensor[] {
  return tensors.filter((tensor) => tensor !== null);
}

/** The generator in training mode (batch norm on the batch's statistics). */
export function generateForTraining(generator: tfl.LayersModel, noise: tf.Tensor2D, labels: tf.Tensor1D | null): tf.Tensor4D {
  return generator.apply(labels ? [noise, labels] : noise, { training: true }) as tf.Tensor4D;
}
