/**
 * One pix2pix training step (Isola et al. 2017) on a batch of pairs. The
 * generator steps first: it translates the inputs once, is pushed towards
 * fooling the PatchGAN and towards the targets (L1, weighted by λ), and that
 * one translation is then what the discriminator learns to tell from the
 * real target, beside the same input (the conditional GAN). The reference
 * code steps D before G on one translation; this order needs no second
 * forward pass either, and alternating updates work either way.
 *
 * Real and translated pairs go through the discriminator as one batch:
 * instance normalisation keeps every image apart, so this equals two calls.
 * The D loss is halved, as in the reference code, so D learns at half G's pace.
 */
import * as tf from '@tensorflow/tfjs-core';
import { discriminatorLoss, generatorLoss } from '../losses';
import { setLearningRate } from '../learning-rate';
import { applyTraining, trainableVariables } from '../trainable';
import type { Pix2pixContext } from './context';

export interface Pix2pixStepResult {
  /** The generator's whole loss: adversarial + λ · L1. */
  readonly lossG: number;
  readonly lossGan: number;
  /** Mean absolute difference from the targets, images in [−1, 1]. */
  readonly lossL1: number;
  readonly lossD: number;
  /** Mean patch logits on real and on translated pairs. */
  readonly dReal: number;
  readonly dFake: number;
}

/** Trains on inputs and targets [batch, r, r, c] in [−1, 1] at `learningRate`; every tensor it makes is freed. */
export function pix2pixStep(context: Pix2pixContext, inputs: tf.Tensor4D, targets: tf.Tensor4D, learningRate: number): Pix2pixStepResult {
  const { config, generator, discriminator, generatorOptimizer, discriminatorOptimizer } = context;
  setLearningRate(generatorOptimizer, learningRate);
  setLearningRate(discriminatorOptimizer, learningRate);
  const kept: { translated?: tf.Tensor4D; g?: tf.Tensor; d?: tf.Tensor } = {};
  try {
    tf.tidy(() => {
      generatorOptimizer.minimize(
        () => {
          const translated = applyTraining(generator, inputs) as tf.Tensor4D;
          kept.translated = tf.keep(translated);
          const gan = generatorLoss('non-saturating', applyTraining(discriminator, tf.concat([inputs, translated], 3)));
          const l1 = tf.mean(tf.abs(tf.sub(translated, targets)));
          const loss = tf.add(gan, tf.mul(l1, config.l1Weight)) as tf.Scalar;
          kept.g = tf.keep(tf.stack([loss, gan, l1]));
          return loss;
        },
        false,
        trainableVariables(generator),
      );
      discriminatorOptimizer.minimize(
        () => {
          const pairs = tf.concat([tf.concat([inputs, targets], 3), tf.concat([inputs, kept.translated!], 3)], 0);
          const [real, fake] = tf.split(applyTraining(discriminator, pairs), 2, 0) as [tf.Tensor, tf.Tensor];
          const loss = tf.mul(0.5, discriminatorLoss('non-saturating', real, fake)) as tf.Scalar;
          kept.d = tf.keep(tf.stack([loss, tf.mean(real), tf.mean(fake)]));
          return loss;
        },
        false,
        trainableVariables(discriminator),
      );
    });
    const [lossG, lossGan, lossL1] = kept.g!.dataSync();
    const [lossD, dReal, dFake] = kept.d!.dataSync();
    return { lossG: lossG!, lossGan: lossGan!, lossL1: lossL1!, lossD: lossD!, dReal: dReal!, dFake: dFake! };
  } finally {
    tf.dispose([kept.translated, kept.g, kept.d].filter((tensor) => tensor !== undefined));
  }
}
