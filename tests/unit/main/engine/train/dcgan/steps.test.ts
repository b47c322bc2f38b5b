import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DcganConfig } from '../../../../../../main/engine/models/config';
import { SeededRandom } from '../../../../../../main/engine/random';
import { sampleAugmentParams } from '../../../../../../main/engine/train/augment';
import { discriminatorStep, generatorStep, type DiscriminatorStepResult, type GeneratorStepResult } from '../../../../../../main/engine/train/dcgan/steps';
import { createDcganContext, disposeDcganContext, type DcganContext } from '../../../../../../main/engine/train/dcgan/context';
import { changedWeights, seededNormal, snapshotWeights, tinyConfig, useCpuBackend } from '../../models/ml-fixtures';

beforeAll(useCpuBackend);

const contexts: DcganContext[] = [];
afterEach(() => contexts.splice(0).forEach(disposeDcganContext));

function context(config: DcganConfig, seed = 1): DcganContext {
  const created = createDcganContext(config, new SeededRandom(seed));
  contexts.push(created);
  return created;
}

/** One D step then one G step on a batch drawn from `random`, the way the loop will. */
function trainOnce(ctx: DcganContext, random: SeededRandom): [DiscriminatorStepResult, GeneratorStepResult] {
  const { batchSize, latentSize, resolution, channels, classes, augment } = ctx.config;
  let results!: [DiscriminatorStepResult, GeneratorStepResult];
  tf.tidy(() => {
    const real = tf.tanh(seededNormal([batchSize, resolution, resolution, channels], random.nextUint32())) as tf.Tensor4D;
    const labels = () => (classes ? tf.tensor1d(Array.from({ length: batchSize }, () => random.below(classes)), 'int32') : null);
    const noise = () => tf.tensor2d(random.fillNormal(new Float32Array(batchSize * latentSize)), [batchSize, latentSize]);
    const params = () => sampleAugmentParams(random, batchSize, resolution, augment);
    const d = discriminatorStep(ctx, real, labels(), noise(), labels(), params(), params());
    const g = generatorStep(ctx, noise(), labels(), params());
    results = [d, g];
  });
  return results;
}

describe('one-step trainers', () => {
  it('leak no tensors per step, with R1, conditioning and augmentation on', () => {
    const ctx = context(tinyConfig({ r1Gamma: 1, classes: 3, batchSize: 4 }));
    const random = new SeededRandom(2);
    trainOnce(ctx, random); // the first steps create Adam's slots
    const before = tf.memory().numTensors;
    const [d, g] = trainOnce(ctx, random);
    expect(tf.memory().numTensors).toBe(before);
    for (const value of [...Object.values(d), g.lossG]) expect(Number.isFinite(value)).toBe(true);
  });

  it('change only their own network’s weights, batch-norm statistics included', () => {
    // Batch norm on both sides, so both steps run the other network in training mode.
    const ctx = context(tinyConfig({ minibatchStd: false, r1Gamma: 0 }));
    const trainableNames = (model: DcganContext['generator']) => model.trainableWeights.map((weight) => weight.originalName);
    const random = new SeededRandom(3);
    const { batchSize, latentSize } = ctx.config;
    const real = tf.tanh(seededNormal([batchSize, 32, 32, 1], 4)) as tf.Tensor4D;
    const noise = seededNormal([batchSize, latentSize], 5) as tf.Tensor2D;

    let generator = snapshotWeights(ctx.generator);
    let discriminator = snapshotWeights(ctx.discriminator);
    discriminatorStep(ctx, real, null, noise, null, sampleAugmentParams(random, batchSize, 32, ctx.config.augment), sampleAugmentParams(random, batchSize, 32, ctx.config.augment));
    expect(changedWeights(generator, snapshotWeights(ctx.generator))).toEqual([]);
    const changedInD = changedWeights(discriminator, snapshotWeights(ctx.discriminator));
    expect(changedInD).toEqual(expect.arrayContaining([...trainableNames(ctx.discriminator), 'd_down2_bn/moving_mean']));

    generator = snapshotWeights(ctx.generator);
    discriminator = snapshotWeights(ctx.discriminator);
    generatorStep(ctx, noise, null, sampleAugmentParams(random, batchSize, 32, ctx.config.augment));
    expect(changedWeights(discriminator, snapshotWeights(ctx.discriminator))).toEqual([]);
    expect(changedWeights(generator, snapshotWeights(ctx.generator))).toEqual(expect.arrayContaining([...trainableNames(ctx.generator), 'g_up1_bn/moving_variance']));
    tf.dispose([real, noise]);
  });

  it('report the R1 penalty when it is on, and none when it is off', () => {
    const [withR1] = trainOnce(context(tinyConfig({ r1Gamma: 10 })), new SeededRandom(4));
    expect(withR1.r1).toBeGreaterThan(0);
    const [withoutR1] = trainOnce(context(tinyConfig({ r1Gamma: 0 })), new SeededRandom(4));
    expect(withoutR1.r1).toBe(0);
    // An undecided discriminator: logits near 0, so the non-saturating loss is near 2·ln 2 and half the reals score positive.
    expect(withoutR1.lossD).toBeCloseTo(2 * Math.LN2, 1);
    expect(Math.abs(withoutR1.dReal)).toBeLessThan(0.1);
    expect(withoutR1.signReal).toBeGreaterThanOrEqual(-1);
    expect(withoutR1.signReal).toBeLessThanOrEqual(1);
  });

  it('are deterministic: the same seed and inputs give bit-identical results and weights', () => {
    const config = tinyConfig({ loss: 'hinge', classes: 2, batchSize: 4 });
    const [first, second] = [context(config, 9), context(config, 9)];
    const [firstRandom, secondRandom] = [new SeededRandom(10), new SeededRandom(10)];
    for (let step = 0; step < 2; step++) expect(trainOnce(second, secondRandom)).toEqual(trainOnce(first, firstRandom));
    expect(changedWeights(snapshotWeights(first.generator), snapshotWeights(second.generator))).toEqual([]);
    expect(changedWeights(snapshotWeights(first.discriminator), snapshotWeights(second.discriminator))).toEqual([]);
  });

  it('insist on labels exactly when the model is conditional', () => {
    const conditional = context(tinyConfig({ classes: 2 }));
    const noise = tf.zeros([8, 16]) as tf.Tensor2D;
    const none = sampleAugmentParams(new SeededRandom(1), 8, 32, null);
    expect(() => generatorStep(conditional, noise, null, none)).toThrow(/needs labels/);
    const labels = tf.zeros([8], 'int32') as tf.Tensor1D;
    expect(() => generatorStep(context(tinyConfig()), noise, labels, none)).toThrow(/takes no labels/);
    tf.dispose([noise, labels]);
  });
});
