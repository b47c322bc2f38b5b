/**
 * Projection (GAN inversion): the latent whose image best reproduces a target.
 * It starts from the best of a handful of seeded candidates (trying every
 * class of a conditional model when none is given), then follows the gradient
 * of the reconstruction loss with Adam. After every step the latent goes back
 * onto the sphere of radius √size, where normal latents concentrate: off it, a
 * latent can match the target's pixels while being nothing the model was
 * trained to draw. (A penalty toward the sphere would need a weight to suit
 * every model's loss scale; the projection needs none.)
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

export async function project(model: LoadedGenerator, target: ImageBatch, options: ProjectionOptions): Promise<Projection> {
  const { latentSize } = model.config;
  const targetTensor = tf.tidy(() => tf.sub(tf.div(tf.tensor4d(target.pixels, [1, target.height, target.width, target.channels], 'float32'), 127.5), 1) as tf.Tensor4D);
  const start = bestCandidate(model, targetTensor, options);
  const latent = tf.variable(tf.tensor2d(start.vector, [1, latentSize]), true, 'projection_latent');
  const label = start.class === null ? null : tf.tensor1d([start.class], 'int32');
  const optimizer = tf.train.adam(learningRate);
  const lossOf = () => {
    const image = model.generator.apply(label ? [latent, label] : latent, { training: false }) as tf.Tensor4D;
    return tf.sum(reconstructionLoss(image, targetTensor)) as tf.Scalar;
  };
  let best = { vector: start.vector, loss: start.loss };
  let step = 0;
  try {
    for (; step < options.steps && !options.shouldStop(); step++) {
      // Lets a cancel message in: on wasm, awaiting tensor data never reaches the event loop.
      await new Promise((resolve) => setImmediate(resolve));
      const before = Float32Array.from(await latent.data());
      // minimize returns the loss of the latent before its update.
      const loss = optimizer.minimize(lossOf, true, [latent])!;
      const value = (await loss.data())[0]!;
      loss.dispose();
      if (value < best.loss) best = { vector: before, loss: value };
      tf.tidy(() => latent.assign(toSphere(latent)));
      options.onStep(step + 1, value);
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

/** Rows of a [n, size] tensor scaled to length √size. */
function toSphere(latents: tf.Tensor): tf.Tensor2D {
  const size = latents.shape[1]!;
  return tf.mul(latents, tf.div(Math.sqrt(size), tf.norm(latents, 'euclidean', 1, true))) as tf.Tensor2D;
}

function bestCandidate(model: LoadedGenerator, target: tf.Tensor4D, options: ProjectionOptions): Candidate {
  const { latentSize, classes } = model.config;
  const random = new SeededRandom(options.seed);
  const labels = classes > 0 ? Int32Array.from({ length: candidateCount }, (_, index) => options.class ?? index % classes) : null;
  const { vectors, losses } = tf.tidy(() => {
    const noise = toSphere(tf.tensor2d(random.fillNormal(new Float32Array(candidateCount * latentSize)), [candidateCount, latentSize]));
    const inputs = labels ? [noise, tf.tensor1d(labels, 'int32')] : noise;
    return { vectors: noise.dataSync() as Float32Array, losses: reconstructionLoss(model.generator.predict(inputs) as tf.Tensor4D, target).dataSync() };
  });
  const index = losses.indexOf(Math.min(...losses));
  return { vector: vectors.slice(index * latentSize, (index + 1) * latentSize), class: labels ? labels[index]! : null, loss: losses[index]! };
}

function lossOfVector(model: LoadedGenerator, vector: Float32Array, label: number | null, target: tf.Tensor4D): number {
  const noise = tf.tensor2d(vector, [1, model.config.latentSize]);
  const inputs = label === null ? noise : [noise, tf.tensor1d([label], 'int32')];
  return reconstructionLoss(model.generator.predict(inputs) as tf.Tensor4D, target).dataSync()[0]!;
}
