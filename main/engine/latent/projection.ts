/**
 * Projection (GAN inversion): the latent whose image best reproduces a target.
 * It starts from the best of a handful of seeded candidates (trying every
 * class of a conditional model when none is given), then follows the gradient
 * of the reconstruction loss with Adam. A small prior keeps the latent near
 * the sphere where the generator was trained: far off it, a latent can match
 * the target's pixels while being nothing the model would ever draw.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageBatch } from '../metrics/image-batch';
import { SeededRandom } from '../random';
import type { LoadedGenerator } from './loaded-generator';
import { reconstructionLoss } from './reconstruction-loss';

export interface ProjectionOptions {
  readonly steps: number;
  /** The class for a conditional model; null lets the starting candidates choose. */
  readonly class: number | null;
  /** Seeds the starting candidates: the same seed and target give the same result. */
  readonly seed: number;
  readonly onStep: (step: number, loss: number) => void;
  readonly shouldStop: () => boolean;
}

export interface Projection {
  readonly vector: Float32Array;
  readonly class: number | null;
  /** Loss of the starting candidate and of the best latent found. */
  readonly initialLoss: number;
  readonly finalLoss: number;
  readonly stepsTaken: number;
  readonly stopped: boolean;
}

const candidateCount = 32;
const learningRate = 0.05;
const priorWeight = 0.01;

export async function project(model: LoadedGenerator, target: ImageBatch, options: ProjectionOptions): Promise<Projection> {
  const { latentSize } = model.config;
  const targetTensor = tf.tidy(() => tf.sub(tf.div(tf.tensor4d(target.pixels, [1, target.height, target.width, target.channels], 'float32'), 127.5), 1) as tf.Tensor4D);
  const start = bestCandidate(model, targetTensor, options);
  const latent = tf.variable(tf.tensor2d(start.vector, [1, latentSize]), true, 'projection_latent');
  const label = start.class === null ? null : tf.tensor1d([start.class], 'int32');
  const optimizer = tf.train.adam(learningRate);
  const lossOf = () => {
    const image = model.generator.apply(label ? [latent, label] : latent, { training: false }) as tf.Tensor4D;
    const prior = tf.square(tf.sub(tf.mean(tf.square(latent)), 1));
    return tf.add(tf.sum(reconstructionLoss(image, targetTensor)), tf.mul(prior, priorWeight)) as tf.Scalar;
  };
  // The best latent by the objective optimised (reconstruction and prior together).
  let best = { vector: start.vector, objective: Number.POSITIVE_INFINITY };
  let step = 0;
  try {
    for (; step < options.steps && !options.shouldStop(); step++) {
      const before = Float32Array.from(await latent.data());
      // minimize returns the objective of the latent before its update.
      const loss = optimizer.minimize(lossOf, true, [latent])!;
      const objective = (await loss.data())[0]!;
      loss.dispose();
      if (objective < best.objective) best = { vector: before, objective };
      options.onStep(step + 1, objective);
    }
    const finalLoss = tf.tidy(() => lossOfVector(model, best.vector, start.class, targetTensor));
    return { vector: best.vector, class: start.class, initialLoss: start.loss, finalLoss, stepsTaken: step, stopped: step < options.steps };
  } finally {
    tf.dispose([targetTensor, latent, ...(label ? [label] : [])]);
    optimizer.dispose();
  }
}

interface Candidate {
  readonly vector: Float32Array;
  readonly class: number | null;
  readonly loss: number;
}

function bestCandidate(model: LoadedGenerator, target: tf.Tensor4D, options: ProjectionOptions): Candidate {
  const { latentSize, classes } = model.config;
  const random = new SeededRandom(options.seed);
  const vectors = random.fillNormal(new Float32Array(candidateCount * latentSize));
  const labels = classes > 0 ? Int32Array.from({ length: candidateCount }, (_, index) => options.class ?? index % classes) : null;
  const losses = tf.tidy(() => {
    const noise = tf.tensor2d(vectors, [candidateCount, latentSize]);
    const inputs = labels ? [noise, tf.tensor1d(labels, 'int32')] : noise;
    return reconstructionLoss(model.generator.predict(inputs) as tf.Tensor4D, target).dataSync();
  });
  const index = losses.indexOf(Math.min(...losses));
  return { vector: vectors.slice(index * latentSize, (index + 1) * latentSize), class: labels ? labels[index]! : null, loss: losses[index]! };
}

/** The reconstruction loss alone, without the prior: what is reported as the result's fit. */
function lossOfVector(model: LoadedGenerator, vector: Float32Array, label: number | null, target: tf.Tensor4D): number {
  const noise = tf.tensor2d(vector, [1, model.config.latentSize]);
  const inputs = label === null ? noise : [noise, tf.tensor1d([label], 'int32')];
  return reconstructionLoss(model.generator.predict(inputs) as tf.Tensor4D, target).dataSync()[0]!;
}
