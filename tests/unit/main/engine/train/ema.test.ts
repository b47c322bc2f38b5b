import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGenerator } from '../../../../../main/engine/models/dcgan';
import { initialiseWeights } from '../../../../../main/engine/models/init';
import { SeededRandom } from '../../../../../main/engine/random';
import { createEma, updateEma } from '../../../../../main/engine/train/ema';
import { changedWeights, snapshotWeights, tinyConfig, useCpuBackend } from '../models/ml-fixtures';

beforeAll(useCpuBackend);

function initialisedGenerator(classes = 0) {
  const generator = buildGenerator(tinyConfig({ classes }));
  initialiseWeights(generator, new SeededRandom(1));
  return generator;
}

describe('the generator’s moving average', () => {
  it('starts as a copy of the generator, with the same weight names and outputs', () => {
    const generator = initialisedGenerator(3);
    const ema = createEma(generator);
    expect(changedWeights(snapshotWeights(generator), snapshotWeights(ema))).toEqual([]);
    const [expected, actual] = [generator, ema].map((model) => tf.tidy(() => (model.predict([tf.ones([2, 16]), tf.tensor1d([0, 2], 'int32')]) as tf.Tensor).dataSync()));
    expect(Array.from(actual!)).toEqual(Array.from(expected!));
  });

  it('moves every weight towards the generator’s by 1 − decay, and leaks nothing', () => {
    const generator = initialisedGenerator();
    const ema = createEma(generator);
    const start = snapshotWeights(ema);
    // Move the generator somewhere else entirely: every weight +1.
    tf.tidy(() => generator.setWeights(generator.getWeights().map((weight) => tf.add(weight, 1))));
    const before = tf.memory().numTensors;
    updateEma(ema, generator, 0.9);
    expect(tf.memory().numTensors).toBe(before);
    const moved = snapshotWeights(ema);
    for (const [name, values] of start) {
      moved.get(name)!.forEach((value, index) => expect(value).toBeCloseTo(values[index]! + 0.1, 5));
    }
  });

  it('is a separate model: training the generator leaves it alone until the next update', () => {
    const generator = initialisedGenerator();
    const ema = createEma(generator);
    const start = snapshotWeights(ema);
    tf.tidy(() => generator.setWeights(generator.getWeights().map((weight) => tf.mul(weight, 2))));
    expect(changedWeights(start, snapshotWeights(ema))).toEqual([]);
    updateEma(ema, generator, 0);
    expect(changedWeights(snapshotWeights(generator), snapshotWeights(ema))).toEqual([]);
  });

  it('refuses a decay outside [0, 1]', () => {
    const generator = initialisedGenerator();
    expect(() => updateEma(createEma(generator), generator, 1.5)).toThrow(/decay/);
  });
});
