/**
 * One optimisation step of each side of a FastGAN. Every tensor a step makes
 * is freed before it returns; it hands back plain numbers for the loop.
 *
 * As in ../dcgan/steps: the noise, labels, augmentation and quadrant come in
 * as arguments (the loop draws them from the run's SeededRandom), so a step
 * is a pure function of its inputs and the models' state; and each step
 * changes only its own side's weights: the other network runs in training
 * mode too (batch statistics), and the batch-norm running statistics that
 * tfjs updates on every training-mode call are put back afterwards.
 *
 * The losses are the paper's: hinge on the mean of each image's 5×5 logits,
 * plus, for the discriminator, the reconstruction loss on the real images it
 * judged (after augmentation, as the paper feeds them to its decoders).
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { augment, type AugmentParams } from '../augment';
import { discriminatorLoss, generatorLoss } from '../losses';
import { trainableVariables } from '../trainable';
import type { FastGanContext } from './context';
import { reconstructionLoss, type Quadrant } from './reconstruction';
import { checkLabels, restoringStatistics } from '../step-guards';
import { generateForTraining } from '../image-gan/step';

export type FastGanDiscriminatorStepResult = {
  /** The discriminator's loss: hinge plus reconstructionWeight × reconstruction. */
  readonly lossD: number;
  /** Mean logit on the (augmented) real images. */
  readonly dReal: number;
  /** Mean logit on the (augmented) generated images. */
  readonly dFake: number;
  /** E[sign(D(real))] over every logit: near 1 when the discriminator has memorised the real images. */
  readonly signReal: number;
  /** The decoders' mean absolute error, whole image plus quadrant, unweighted; in [0, 4]. */
  readonly reconstruction: number;
};

export type FastGanGeneratorStepResult = {
  readonly lossG: number;
};

/**
 * Trains the discriminator and its decoders on one batch: real images
 * [batch, r, r, c] in [−1, 1] against the generator's images from `noise`
 * [batch, latentSize]; `quadrant` picks the part the quadrant decoder redraws.
 * Labels (int32 [batch]) are null for an unconditional model.
 */
export function discriminatorStep(
  context: FastGanContext,
  realImages: tf.Tensor4D,
  realLabels: tf.Tensor1D | null,
  noise: tf.Tensor2D,
  fakeLabels: tf.Tensor1D | null,
  augmentReal: AugmentParams,
  augmentFake: AugmentParams,
  quadrant: Quadrant,
): FastGanDiscriminatorStepResult {
  const { config, generator, discriminator, decoders, discriminatorOptimizer } = context;
  checkLabels(config.classes, realLabels, fakeLabels);
  const reported: { summary?: tf.Tensor1D } = {};
  try {
    restoringStatistics(generator, () =>
      tf.tidy(() => {
        // Outside the loss function, so no gradient flows into the generator (nor into the images).
        const fakeImages = augment(generateForTraining(generator, noise, fakeLabels), augmentFake);
        const realAugmented = augment(realImages, augmentReal);
        discriminatorOptimizer.minimize(
          () => {
            const [realLogits, features8, features16] = discriminate(discriminator, realAugmented, realLabels);
            const [fakeLogits] = discriminate(discriminator, fakeImages, fakeLabels);
            const reconstruction = reconstructionLoss(decoders, features8!, features16!, realAugmented, quadrant);
            const loss: tf.Scalar = tf.add(discriminatorLoss('hinge', realLogits!, fakeLogits!), tf.mul(config.reconstructionWeight, reconstruction));
            // Kept past minimize's own cleanup so the step can report them; disposed below.
            reported.summary = tf.keep(tf.stack([loss, tf.mean(realLogits!), tf.mean(fakeLogits!), tf.mean(tf.sign(realLogits!)), reconstruction]) as tf.Tensor1D);
            return loss;
          },
          false,
          trainableVariables(discriminator, decoders.whole, decoders.part),
        );
      }),
    );
    const [lossD, dReal, dFake, signReal, reconstruction] = reported.summary!.dataSync();
    return { lossD: lossD!, dReal: dReal!, dFake: dFake!, signReal: signReal!, reconstruction: reconstruction! };
  } finally {
    reported.summary?.dispose();
  }
}

/** Trains the generator to raise the discriminator's logits on its (augmented) images from `noise`: −mean D(G(z)). */
export function generatorStep(context: FastGanContext, noise: tf.Tensor2D, fakeLabels: tf.Tensor1D | null, augmentFake: AugmentParams): FastGanGeneratorStepResult {
  const { config, generator, discriminator, generatorOptimizer } = context;
  checkLabels(config.classes, fakeLabels);
  const lossG = restoringStatistics(discriminator, () =>
    tf.tidy(() => {
      const loss = generatorOptimizer.minimize(
        () => {
          const [fakeLogits] = discriminate(discriminator, augment(generateForTraining(generator, noise, fakeLabels), augmentFake), fakeLabels);
          return generatorLoss('hinge', fakeLogits!);
        },
        true,
        trainableVariables(generator),
      );
      return loss!.dataSync()[0]!;
    }),
  );
  return { lossG };
}

/** [logits, 8×8 features, 16×16 features]. */
function discriminate(discriminator: tfl.LayersModel, images: tf.Tensor4D, labels: tf.Tensor1D | null): tf.Tensor4D[] {
  return discriminator.apply(labels ? [images, labels] : images, { training: true }) as tf.Tensor4D[];
}
