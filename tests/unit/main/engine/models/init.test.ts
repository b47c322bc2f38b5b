import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDiscriminator, buildGenerator } from '../../../../../main/engine/models/dcgan';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { SeededRandom } from '../../../../../main/engine/random';
import { changedWeights, snapshotWeights, tinyConfig, useCpuBackend } from './ml-fixtures';

beforeAll(useCpuBackend);

function initialised(build: typeof buildGenerator, seed: number, config = tinyConfig({ classes: 3, minibatchStd: false })) {
  const model = build(config);
  initialiseWeights(model, new SeededRandom(seed));
  return snapshotWeights(model);
}

function meanAndStd(values: Float32Array): [number, number] {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return [mean, Math.sqrt(values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length)];
}

describe('initialiseWeights', () => {
  it('gives the same weights for the same seed and different ones for another', () => {
    for (const build of [buildGenerator, buildDiscriminator]) {
      const first = initialised(build, 7);
      expect(changedWeights(first, initialised(build, 7))).toEqual([]);
      const other = changedWeights(first, initialised(build, 8));
      // Everything drawn at random differs; constants (biases, beta, running statistics) stay.
      expect(other.length).toBeGreaterThan(0);
      expect(other.every((name) => /kernel|gamma/.test(name))).toBe(true);
    }
  });

  it('draws DCGAN’s distributions: N(0, 0.02) kernels, N(1, 0.02) scales, zero shifts and biases', () => {
    const generator = initialised(buildGenerator, 1, tinyConfig({ classes: 3, width: 16 }));
    const [kernelMean, kernelStd] = meanAndStd(generator.get('g_up1_conv/kernel')!);
    expect(Math.abs(kernelMean)).toBeLessThan(0.002);
    expect(kernelStd).toBeCloseTo(0.02, 3);
    const [gammaMean, gammaStd] = meanAndStd(generator.get('g_dense_bn/gamma')!);
    expect(gammaMean).toBeCloseTo(1, 2);
    expect(gammaStd).toBeGreaterThan(0.01);
    expect(gammaStd).toBeLessThan(0.03);
    expect(generator.get('g_dense_bn/beta')!.every((value) => value === 0)).toBe(true);
    expect(generator.get('g_dense_bn/moving_variance')!.every((value) => value === 1)).toBe(true);
    expect(generator.get('g_up3_conv/bias')!.every((value) => value === 0)).toBe(true);
    // The class code joins z, so it is drawn on z's scale; the projection's class directions like the logit's weights.
    expect(meanAndStd(generator.get('g_class_embedding/kernel')!)[1]).toBeCloseTo(1, 1);
    const discriminator = initialised(buildDiscriminator, 1, tinyConfig({ classes: 3 }));
    expect(meanAndStd(discriminator.get('d_class_embedding/kernel')!)[1]).toBeCloseTo(0.02, 2);
  });

  it('uses the random source and nothing else: the same seed leaves it in the same state', () => {
    const first = new SeededRandom(3);
    const second = new SeededRandom(3);
    initialiseWeights(buildGenerator(tinyConfig()), first);
    initialiseWeights(buildGenerator(tinyConfig()), second);
    expect(first.state).toEqual(second.state);
    expect(first.state).not.toEqual(new SeededRandom(3).state);
  });

  it('refuses an initializer it cannot draw with the seeded source', () => {
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 2, inputShape: [3], name: 'glorot_dense' })] });
    const before = tf.memory().numTensors;
    // Dense's default, Glorot uniform, is a VarianceScaling initializer.
    expect(() => initialiseWeights(model, new SeededRandom(1))).toThrow(/glorot_dense\/kernel.*VarianceScaling/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
