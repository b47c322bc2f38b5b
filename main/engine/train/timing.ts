/**
 * How long one training step of a config takes on the active backend,
 * measured on synthetic data: what the Train view's preset estimates show.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GanConfig } from '../models/config';
import { SeededRandom } from '../random';
import { sampleAugmentParams } from './augment';
import { discriminatorStep, generatorStep } from './steps';
import { createTrainingContext, disposeTrainingContext } from './steps-context';

const warmupSteps = 1;
const timedSteps = 3;

export async function timeSteps(config: GanConfig): Promise<number> {
  const random = new SeededRandom(1);
  const context = createTrainingContext(config, random);
  const { batchSize, resolution, channels, latentSize, classes } = config;
  try {
    const step = () =>
      tf.tidy(() => {
        const images = tf.randomUniform([batchSize, resolution, resolution, channels], -1, 1) as tf.Tensor4D;
        const labels = classes > 0 ? tf.zeros([batchSize], 'int32') as tf.Tensor1D : null;
        const noise = () => tf.randomNormal([batchSize, latentSize]) as tf.Tensor2D;
        const augmentation = () => sampleAugmentParams(random, batchSize, resolution, config.augment);
        discriminatorStep(context, images, labels, noise(), labels, augmentation(), augmentation());
        generatorStep(context, noise(), labels, augmentation());
      });
    for (let n = 0; n < warmupSteps; n++) step();
    const started = performance.now();
    for (let n = 0; n < timedSteps; n++) step();
    return (performance.now() - started) / 1000 / timedSteps;
  } finally {
    disposeTrainingContext(context);
  }
}
