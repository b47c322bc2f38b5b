import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultCycleGanConfig, defaultPix2pixConfig, type CycleGanConfig, type Pix2pixConfig } from '../../../../../../main/engine/models/config';
import { SeededRandom } from '../../../../../../main/engine/random';
import { createCycleGanContext, disposeCycleGanContext, type CycleGanContext } from '../../../../../../main/engine/train/cyclegan/context';
import { cycleGanStep } from '../../../../../../main/engine/train/cyclegan/step';
import { createPix2pixContext, disposePix2pixContext, type Pix2pixContext } from '../../../../../../main/engine/train/pix2pix/context';
import { pix2pixStep } from '../../../../../../main/engine/train/pix2pix/step';
import { changedWeights, seededNormal, snapshotWeights, useCpuBackend } from '../../models/ml-fixtures';

beforeAll(useCpuBackend);

const pix2pix: Pix2pixConfig = { ...defaultPix2pixConfig, resolution: 32, channelsA: 1, channelsB: 3, width: 2, heldOut: 1 };
const cyclegan: CycleGanConfig = { ...defaultCycleGanConfig, resolution: 32, channelsA: 3, channelsB: 3, width: 2, residualBlocks: 1, poolSize: 3, heldOut: 1 };

const disposals: (() => void)[] = [];
afterEach(() => disposals.splice(0).forEach((dispose) => dispose()));

function pix2pixContext(seed = 1): Pix2pixContext {
  const context = createPix2pixContext(pix2pix, new SeededRandom(seed));
  disposals.push(() => disposePix2pixContext(context));
  return context;
}

function cycleGanContext(random: SeededRandom): CycleGanContext {
  const context = createCycleGanContext(cyclegan, random);
  disposals.push(() => disposeCycleGanContext(context));
  return context;
}

const images = (channels: number, size: number, seed: number) => tf.tanh(seededNormal([1, size, size, channels], seed)) as tf.Tensor4D;

describe('the pix2pix step', () => {
  it('leaks no tensors once Adam has its slots, and reports finite losses', () => {
    const context = pix2pixContext();
    const [a, b] = [images(1, 32, 1), images(3, 32, 2)];
    pix2pixStep(context, a, b, 2e-4);
    const before = tf.memory().numTensors;
    const result = pix2pixStep(context, a, b, 2e-4);
    expect(tf.memory().numTensors).toBe(before);
    for (const value of Object.values(result)) expect(Number.isFinite(value)).toBe(true);
    // λ = 100 dominates the generator's loss, as in the paper.
    expect(result.lossG).toBeCloseTo(result.lossGan + 100 * result.lossL1, 3);
    tf.dispose([a, b]);
  });

  it('moves every weight of both networks, and none at a learning rate of zero', () => {
    const context = pix2pixContext();
    const [a, b] = [images(1, 32, 3), images(3, 32, 4)];
    const before = [snapshotWeights(context.generator), snapshotWeights(context.discriminator)];
    pix2pixStep(context, a, b, 0);
    expect(changedWeights(before[0]!, snapshotWeights(context.generator))).toEqual([]);
    pix2pixStep(context, a, b, 2e-4);
    expect(changedWeights(before[0]!, snapshotWeights(context.generator)).length).toBe(context.generator.trainableWeights.length);
    expect(changedWeights(before[1]!, snapshotWeights(context.discriminator)).length).toBe(context.discriminator.trainableWeights.length);
    tf.dispose([a, b]);
  });

  it('is a function of its inputs and seed: two runs take the same steps', () => {
    const run = () => {
      const context = pix2pixContext(7);
      const [a, b] = [images(1, 32, 5), images(3, 32, 6)];
      const losses = [0, 1, 2].map(() => pix2pixStep(context, a, b, 2e-4).lossG);
      tf.dispose([a, b]);
      return losses;
    };
    expect(run()).toEqual(run());
  });
});

describe('the CycleGAN step', () => {
  it('leaks no tensors, fills its history pools, and moves all four networks', () => {
    const random = new SeededRandom(3);
    const context = cycleGanContext(random);
    const [a, b] = [images(3, 32, 7), images(3, 32, 8)];
    const before = [context.generatorAB, context.generatorBA, context.discriminatorA, context.discriminatorB].map(snapshotWeights);
    cycleGanStep(context, a, b, random, 2e-4);
    const tensors = tf.memory().numTensors;
    const result = cycleGanStep(context, a, b, random, 2e-4);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(context.poolA.size).toBe(2);
    for (const value of Object.values(result)) expect(Number.isFinite(value)).toBe(true);
    expect(result.lossG).toBeCloseTo(result.lossGan + result.lossCycle + result.lossIdentity, 3);
    [context.generatorAB, context.generatorBA, context.discriminatorA, context.discriminatorB].forEach((model, index) => {
      expect(changedWeights(before[index]!, snapshotWeights(model)).length).toBe(model.trainableWeights.length);
    });
    tf.dispose([a, b]);
  });

  it('refuses images too small for a PatchGAN to judge', () => {
    expect(() => createCycleGanContext({ ...cyclegan, resolution: 16 }, new SeededRandom(1))).toThrow(/at least 32 px/);
  });

  it('has no identity term when its weight is zero', () => {
    const random = new SeededRandom(4);
    const context = createCycleGanContext({ ...cyclegan, identityWeight: 0 }, random);
    disposals.push(() => disposeCycleGanContext(context));
    const [a, b] = [images(3, 32, 9), images(3, 32, 10)];
    expect(cycleGanStep(context, a, b, random, 2e-4).lossIdentity).toBe(0);
    tf.dispose([a, b]);
  });
});
