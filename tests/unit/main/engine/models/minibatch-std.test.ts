import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDiscriminator, buildGenerator } from '../../../../../main/engine/models/dcgan';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { groupSizeFor, MinibatchStdDev } from '../../../../../main/engine/models/minibatch-std';
import { SeededRandom } from '../../../../../main/engine/random';
import { saveAndLoad, seededNormal, tinyConfig, useCpuBackend } from './ml-fixtures';

beforeAll(useCpuBackend);

describe('MinibatchStdDev', () => {
  it('appends one feature map holding its group’s average standard deviation', () => {
    const layer = new MinibatchStdDev();
    // Eight 1×1 images of two channels; image i joins group i mod 2, four to a group.
    // Group 0 (images 0, 2, 4, 6) agree exactly; group 1's first channel is 0, 2, 0, 2 (std 1), its second is constant.
    const pixels = [5, 5, 0, 1, 5, 5, 2, 1, 5, 5, 0, 1, 5, 5, 2, 1];
    const output = tf.tidy(() => layer.apply(tf.tensor4d(pixels, [8, 1, 1, 2])) as tf.Tensor);
    expect(output.shape).toEqual([8, 1, 1, 3]);
    const appended = Array.from(tf.tidy(() => tf.slice(output, [0, 0, 0, 2], [8, 1, 1, 1])).dataSync());
    output.dispose();
    // Each channel's std, with the epsilon that keeps sqrt's gradient finite, averaged over both channels.
    const group0 = Math.sqrt(1e-8);
    const group1 = (Math.sqrt(1 + 1e-8) + Math.sqrt(1e-8)) / 2;
    [group0, group1, group0, group1, group0, group1, group0, group1].forEach((expected, image) => expect(appended[image]).toBeCloseTo(expected, 6));
  });

  it('keeps the spatial size and gives every pixel of an image the same value', () => {
    const output = tf.tidy(() => new MinibatchStdDev().apply(seededNormal([4, 3, 5, 6], 1)) as tf.Tensor);
    expect(output.shape).toEqual([4, 3, 5, 7]);
    const map = tf.tidy(() => tf.slice(output, [0, 0, 0, 6], [4, 3, 5, 1]).dataSync());
    expect(new Set(map).size).toBe(1); // one group of four, one value
    output.dispose();
  });

  it('groups by the largest divisor of the batch up to the limit', () => {
    expect([1, 2, 3, 4, 5, 6, 8, 9, 64].map((batch) => groupSizeFor(batch, 4))).toEqual([1, 2, 3, 4, 1, 3, 4, 3, 4]);
  });

  it('survives a save/load round trip on its own', async () => {
    const input = tfl.input({ shape: [4, 4, 2] });
    const model = tfl.model({ inputs: input, outputs: new MinibatchStdDev({ groupSize: 2, name: 'std' }).apply(input) as tfl.SymbolicTensor });
    const loaded = await saveAndLoad(model);
    expect(loaded.getLayer('std')).toBeInstanceOf(MinibatchStdDev);
    expect((loaded.getLayer('std') as MinibatchStdDev).groupSize).toBe(2);
    const images = seededNormal([4, 4, 4, 2], 2);
    expectSamePredictions(model, loaded, [images]);
    images.dispose();
  });
});

describe('a DCGAN round trip through save and load', () => {
  it('keeps a discriminator with minibatch std, conditional or not, and its predictions', async () => {
    for (const classes of [0, 3]) {
      const config = tinyConfig({ classes });
      const discriminator = buildDiscriminator(config);
      initialiseWeights(discriminator, new SeededRandom(4));
      const loaded = await saveAndLoad(discriminator);
      expect(loaded.layers.map((layer) => layer.name)).toEqual(discriminator.layers.map((layer) => layer.name));
      const inputs = [seededNormal([4, 32, 32, 1], 5), ...(classes ? [tf.tensor1d([0, 2, 1, 2], 'int32')] : [])];
      expectSamePredictions(discriminator, loaded, inputs);
      tf.dispose(inputs);
    }
  });

  it('keeps a conditional generator and its predictions', async () => {
    const generator = buildGenerator(tinyConfig({ classes: 3 }));
    initialiseWeights(generator, new SeededRandom(6));
    const loaded = await saveAndLoad(generator);
    const inputs = [seededNormal([2, 16], 7), tf.tensor1d([2, 0], 'int32')];
    expectSamePredictions(generator, loaded, inputs);
    tf.dispose(inputs);
  });
});

function expectSamePredictions(model: tfl.LayersModel, loaded: tfl.LayersModel, inputs: tf.Tensor[]): void {
  const [expected, actual] = [model, loaded].map((m) => tf.tidy(() => (m.predict(inputs.length === 1 ? inputs[0]! : inputs) as tf.Tensor).dataSync()));
  expect(actual!.length).toBeGreaterThan(0);
  expect(Array.from(actual!)).toEqual(Array.from(expected!));
}
