/**
 * How long one training step of a config takes on the active backend,
 * measured on synthetic data: what the Train view's preset estimates show.
 * The steps are real ones (D, G and the moving average), as a run takes them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GanConfig } from '../models/config';
import { SeededRandom } from '../random';
import { createTrainingContext, disposeTrainingContext } from './steps-context';
import { trainStep } from './train-step';

const warmupSteps = 1;
const timedSteps = 3;

export async function timeSteps(config: GanConfig): Promise<number> {
  const random = new SeededRandom(1);
  const context = createTrainingContext(config, random);
  const { batchSize, resolution, channels, classes } = config;
  const syntheticBatch = () => ({
    images: tf.tensor4d(random.fillNormal(new Float32Array(batchSize * resolution * resolution * channels), 0, 0.5), [batchSize, resolution, resolution, channels]),
    labels: classes > 0 ? tf.tensor1d(new Int32Array(batchSize), 'int32') : null,
  });
  try {
    for (let step = 0; step < warmupSteps; step++) trainStep(context, syntheticBatch(), random, step);
    const started = performance.now();
    for (let step = warmupSteps; step < warmupSteps + timedSteps; step++) trainStep(context, syntheticBatch(), random, step);
    return (performance.now() - started) / 1000 / timedSteps;
  } finally {
    disposeTrainingContext(context);
  }
}
