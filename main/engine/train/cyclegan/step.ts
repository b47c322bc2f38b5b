/**
 * One CycleGAN training step (Zhu et al. 2017) on a batch of A images and a
 * batch of B images that need not correspond. First both generators step
 * together: each translation should fool the other domain's discriminator
 * (least-squares GAN loss), translating there and back should return the
 * original (cycle loss, λ), and a generator given an image already in its
 * target domain should leave it alone (identity loss, λ · λ_id). Then both
 * discriminators step, each on its real images against translations drawn
 * through its history pool, the loss halved as in the reference code.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { SeededRandom } from '../../random';
import { setLearningRate } from '../learning-rate';
import { discriminatorLoss, generatorLoss } from '../losses';
import { applyTraining, trainableVariables } from '../trainable';
import type { CycleGanContext } from './context';

export interface CycleGanStepResult {
  /** The generators' whole loss. */
  readonly lossG: number;
  readonly lossGan: number;
  /** λ-weighted cycle and identity terms. */
  readonly lossCycle: number;
  readonly lossIdentity: number;
  /** Both discriminators' losses, summed. */
  readonly lossD: number;
  readonly lossDA: number;
  readonly lossDB: number;
}

const meanAbsolute = (a: tf.Tensor, b: tf.Tensor) => tf.mean(tf.abs(tf.sub(a, b)));

/** Trains on realA and realB [batch, r, r, c] in [−1, 1] at `learningRate`; every tensor it makes is freed. */
export function cycleGanStep(context: CycleGanContext, realA: tf.Tensor4D, realB: tf.Tensor4D, random: SeededRandom, learningRate: number): CycleGanStepResult {
  const { config, generatorAB, generatorBA, discriminatorA, discriminatorB, generatorOptimizer, discriminatorOptimizer } = context;
  setLearningRate(generatorOptimizer, learningRate);
  setLearningRate(discriminatorOptimizer, learningRate);
  const kept: { fakeA?: tf.Tensor4D; fakeB?: tf.Tensor4D; g?: tf.Tensor; d?: tf.Tensor } = {};
  try {
    tf.tidy(() => {
      generatorOptimizer.minimize(
        () => {
          const fakeB = applyTraining(generatorAB, realA) as tf.Tensor4D;
          const fakeA = applyTraining(generatorBA, realB) as tf.Tensor4D;
          kept.fakeA = tf.keep(fakeA);
          kept.fakeB = tf.keep(fakeB);
          const gan = tf.add(generatorLoss('least-squares', applyTraining(discriminatorB, fakeB)), generatorLoss('least-squares', applyTraining(discriminatorA, fakeA)));
          const cycle = tf.mul(config.cycleWeight, tf.add(meanAbsolute(applyTraining(generatorBA, fakeB), realA), meanAbsolute(applyTraining(generatorAB, fakeA), realB)));
          const identityWeight = config.cycleWeight * config.identityWeight;
          const identity =
            identityWeight > 0
              ? tf.mul(identityWeight, tf.add(meanAbsolute(applyTraining(generatorAB, realB), realB), meanAbsolute(applyTraining(generatorBA, realA), realA)))
              : tf.scalar(0);
          const loss = tf.addN([gan, cycle, identity]) as tf.Scalar;
          kept.g = tf.keep(tf.stack([loss, gan, cycle, identity]));
          return loss;
        },
        false,
        trainableVariables(generatorAB, generatorBA),
      );
      const pooledA = context.poolA.query(kept.fakeA!, random);
      const pooledB = context.poolB.query(kept.fakeB!, random);
      discriminatorOptimizer.minimize(
        () => {
          const lossA = halfLoss(discriminatorA, realA, pooledA);
          const lossB = halfLoss(discriminatorB, realB, pooledB);
          const loss = tf.add(lossA, lossB) as tf.Scalar;
          kept.d = tf.keep(tf.stack([loss, lossA, lossB]));
          return loss;
        },
        false,
        trainableVariables(discriminatorA, discriminatorB),
      );
    });
    const [lossG, lossGan, lossCycle, lossIdentity] = kept.g!.dataSync();
    const [lossD, lossDA, lossDB] = kept.d!.dataSync();
    return { lossG: lossG!, lossGan: lossGan!, lossCycle: lossCycle!, lossIdentity: lossIdentity!, lossD: lossD!, lossDA: lossDA!, lossDB: lossDB! };
  } finally {
    tf.dispose([kept.fakeA, kept.fakeB, kept.g, kept.d].filter((tensor) => tensor !== undefined));
  }
}

/** Half the least-squares loss of one discriminator, real and pooled translations judged as one batch. */
function halfLoss(discriminator: tfl.LayersModel, real: tf.Tensor4D, translated: tf.Tensor4D): tf.Tensor {
  const [onReal, onTranslated] = tf.split(applyTraining(discriminator, tf.concat([real, translated], 0)), 2, 0) as [tf.Tensor, tf.Tensor];
  return tf.mul(0.5, discriminatorLoss('least-squares', onReal, onTranslated));
}
