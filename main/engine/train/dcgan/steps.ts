/**
 * One optimisation step of each network. Every tensor a step makes is freed
 * before it returns; it hands back plain numbers for the loop to report.
 *
 * The steps take their noise, labels and augmentation as arguments rather
 * than drawing them, so a step is a pure function of its inputs and the
 * models' state: the loop draws them from the run's SeededRandom, which a
 * checkpoint saves.
 *
 * Each step changes only its own network's weights: the other network runs
 * in training mode too (batch statistics, as it will when it trains), and its
 * batch-norm running statistics, which tfjs updates on every training-mode
 * call, are put back afterwards.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { augment, type AugmentParams } from '../augment';
import { discriminatorLoss, generatorLoss } from '../losses';
import { trainableVariables } from '../trainable';
import type { DcganContext } from './context';
import { checkLabels, restoringStatistics } from '../step-guards';
import { generateForTraining } from '../image-gan/step';

export interface DiscriminatorStepResult {
  /** The discriminator's loss, R1 penalty included. */
  readonly lossD: number;
  /** Mean logit on the (augmented) real images. */
  readonly dReal: number;
  /** Mean logit on the (augmented) generated images. */
  readonly dFake: number;
  /** E[sign(D(real))]: near 1 when the discriminator has memorised the real images (StyleGAN2-ADA's overfitting signal). */
  readonly signReal: number;
  /** The R1 penalty, γ/2 · E‖∇D(real)‖²; 0 when config.r1Gamma is 0. */
  readonly r1: number;
}

export interface GeneratorStepResult {
  readonly lossG: number;
}

/**
 * Trains the discriminator on one batch: real images [batch, h, w, c] in
 * [−1, 1] against the generator's images from `noise` [batch, latentSize].
 * Labels (int32 [batch]) are null for an unconditional model.
 *
 * R1 is applied on every step rather than lazily every 16 (StyleGAN2): the
 * second-order gradient works in tfjs and costs about one more backward
 * pass, and the simple form needs no step counter in the checkpoint.
 */
export function discriminatorStep(
  context: DcganContext,
  realImages: tf.Tensor4D,
  realLabels: tf.Tensor1D | null,
  noise: tf.Tensor2D,
  fakeLabels: tf.Tensor1D | null,
  augmentReal: AugmentParams,
  augmentFake: AugmentParams,
): DiscriminatorStepResult {
  const { config, generator, discriminator, discriminatorOptimizer } = context;
  checkLabels(config.classes, realLabels, fakeLabels);
  const reported: { summary?: tf.Tensor1D } = {};
  try {
    restoringStatistics(generator, () =>
      tf.tidy(() => {
        // Outside the loss function, so no gradient flows into the generator.
        const fakeImages = augment(generateForTraining(generator, noise, fakeLabels), augmentFake);
        discriminatorOptimizer.minimize(
          () => {
            const scoreReal = (images: tf.Tensor4D) => discriminate(discriminator, augment(images, augmentReal), realLabels);
            let realLogits: tf.Tensor;
            let r1: tf.Scalar;
            if (config.r1Gamma > 0) {
              // The gradient through the augmentation back to the un-augmented images, as in StyleGAN2-ADA.
              const { value, grad } = tf.valueAndGrad(scoreReal)(realImages);
              realLogits = value;
              r1 = tf.mul(config.r1Gamma / 2, tf.mean(tf.sum(tf.square(grad), [1, 2, 3])));
            } else {
              realLogits = scoreReal(realImages);
              r1 = tf.scalar(0);
            }
            const fakeLogits = discriminate(discriminator, fakeImages, fakeLabels);
            const loss: tf.Scalar = tf.add(discriminatorLoss(config.loss, realLogits, fakeLogits), r1);
            // Kept past minimize's own cleanup so the step can report them; disposed below.
            reported.summary = tf.keep(tf.stack([loss, tf.mean(realLogits), tf.mean(fakeLogits), tf.mean(tf.sign(realLogits)), r1]) as tf.Tensor1D);
            return loss;
          },
          false,
          trainableVariables(discriminator),
        );
      }),
    );
    const [lossD, dReal, dFake, signReal, r1] = reported.summary!.dataSync();
    return { lossD: lossD!, dReal: dReal!, dFake: dFake!, signReal: signReal!, r1: r1! };
  } finally {
    reported.summary?.dispose();
  }
}

/** Trains the generator to make the discriminator score its images from `noise` as real. */
export function generatorStep(
  context: DcganContext,
  noise: tf.Tensor2D,
  fakeLabels: tf.Tensor1D | null,
  augmentFake: AugmentParams,
): GeneratorStepResult {
  const { config, generator, discriminator, generatorOptimizer } = context;
  checkLabels(config.classes, fakeLabels);
  const lossG = restoringStatistics(discriminator, () =>
    tf.tidy(() => {
      const loss = generatorOptimizer.minimize(
        () => generatorLoss(config.loss, discriminate(discriminator, augment(generateForTraining(generator, noise, fakeLabels), augmentFake), fakeLabels)),
        true,
        trainableVariables(generator),
      );
      return loss!.dataSync()[0]!;
    }),
  );
  return { lossG };
}

function discriminate(discriminator: tfl.LayersModel, images: tf.Tensor4D, labels: tf.Tensor1D | null): tf.Tensor {
  return discriminator.apply(labels ? [images, labels] : images, { training: true }) as tf.Tensor;
}
