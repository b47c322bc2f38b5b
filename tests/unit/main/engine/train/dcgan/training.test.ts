import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../../../main/engine/random';
import { noAugmentation } from '../../../../../../main/engine/train/augment';
import { discriminatorStep, generatorStep } from '../../../../../../main/engine/train/dcgan/steps';
import { createDcganContext, disposeDcganContext } from '../../../../../../main/engine/train/dcgan/context';
import { seededNormal, tinyConfig, useCpuBackend } from '../../models/ml-fixtures';

beforeAll(useCpuBackend);

describe('a tiny DCGAN trained for twenty steps on the cpu backend', () => {
  it('learns to tell the data from its fakes, and its fakes move towards the data', () => {
    // A high learning rate, so twenty steps show the trend; no augmentation, so the discriminator learns fast.
    // Transposed convolutions: the cpu backend's 3×3 gradients are slow loops (resize-convolution learns in learning.test.ts, on wasm).
    const config = tinyConfig({ upsample: 'transposed', augment: null, emaDecay: 0, learningRates: { generator: 0.005, discriminator: 0.005 } });
    const random = new SeededRandom(1);
    const context = createDcganContext(config, random);
    // The toy dataset: eight copies of a light image (0.8) with a dark 16×16 square (−0.8) in the middle.
    const real = tf.tidy(() => tf.sub(0.8, tf.mul(1.6, tf.pad(tf.ones([8, 16, 16, 1]), [[0, 0], [8, 8], [8, 8], [0, 0]])))) as tf.Tensor4D;
    const fixedNoise = seededNormal([8, config.latentSize], 99) as tf.Tensor2D;
    const distanceToData = () => tf.tidy(() => tf.mean(tf.abs(tf.sub(context.generator.predict(fixedNoise) as tf.Tensor, real))).dataSync()[0]!);
    const drawNoise = () => tf.tensor2d(random.fillNormal(new Float32Array(8 * config.latentSize)), [8, config.latentSize]);

    const startDistance = distanceToData();
    const lossesD: number[] = [];
    for (let step = 0; step < 20; step++) {
      tf.tidy(() => {
        lossesD.push(discriminatorStep(context, real, null, drawNoise(), null, noAugmentation, noAugmentation).lossD);
        generatorStep(context, drawNoise(), null, noAugmentation);
      });
    }

    expect(lossesD[0]).toBeCloseTo(2 * Math.LN2, 2); // undecided at first
    expect(Math.min(...lossesD)).toBeLessThan(0.9);
    expect(startDistance).toBeGreaterThan(0.75); // tanh of small numbers: grey images, far from the data
    expect(distanceToData()).toBeLessThan(0.65);
    tf.dispose([real, fixedNoise]);
    disposeDcganContext(context);
  });
});
