/**
 * How long one training step of a config takes on the active backend,
 * measured on synthetic data: what the Train view's preset estimates show.
 * The steps are the real ones a run takes, for each model family.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelConfig } from '../models/config';
import { SeededRandom } from '../random';
import { createCycleGanContext, disposeCycleGanContext } from './cyclegan/context';
import { cycleGanStep } from './cyclegan/step';
import { imageGanNetworks } from './image-gan/networks';
import { createPix2pixContext, disposePix2pixContext } from './pix2pix/context';
import { pix2pixStep } from './pix2pix/step';

const warmupSteps = 1;
const timedSteps = 3;

export async function timeSteps(config: ModelConfig): Promise<number> {
  const random = new SeededRandom(1);
  const images = (channels: number) => {
    const { batchSize, resolution } = config;
    return tf.tensor4d(random.fillNormal(new Float32Array(batchSize * resolution * resolution * channels), 0, 0.5), [batchSize, resolution, resolution, channels]);
  };
  const { step, dispose } = stepperFor(config, random, images);
  try {
    for (let done = 0; done < warmupSteps; done++) step(done);
    const started = performance.now();
    for (let done = warmupSteps; done < warmupSteps + timedSteps; done++) step(done);
    return (performance.now() - started) / 1000 / timedSteps;
  } finally {
    dispose();
  }
}

/** One real step of the config's family on synthetic images, and how to free its models. */
function stepperFor(config: ModelConfig, random: SeededRandom, images: (channels: number) => tf.Tensor4D): { step: (done: number) => void; dispose: () => void } {
  switch (config.architecture) {
    case 'dcgan':
    case 'fastgan': {
      const networks = imageGanNetworks(config, random);
      const labels = () => (config.classes > 0 ? tf.tensor1d(new Int32Array(config.batchSize), 'int32') : null);
      return { step: (done) => networks.step({ images: images(config.channels), labels: labels() }, random, done), dispose: () => networks.dispose() };
    }
    case 'pix2pix': {
      const context = createPix2pixContext(config, random);
      const [input, output] = config.direction === 'AtoB' ? [config.channelsA, config.channelsB] : [config.channelsB, config.channelsA];
      return { step: () => withImages([images(input), images(output)], ([a, b]) => pix2pixStep(context, a!, b!, config.learningRate)), dispose: () => disposePix2pixContext(context) };
    }
    case 'cyclegan': {
      const context = createCycleGanContext(config, random);
      return {
        step: () => withImages([images(config.channelsA), images(config.channelsB)], ([a, b]) => cycleGanStep(context, a!, b!, random, config.learningRate)),
        dispose: () => disposeCycleGanContext(context),
      };
    }
  }
}

function withImages(tensors: tf.Tensor4D[], use: (tensors: tf.Tensor4D[]) => unknown): void {
  try {
    use(tensors);
  } finally {
    tf.dispose(tensors);
  }
}
