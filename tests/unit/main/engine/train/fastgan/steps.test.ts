import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FastGanConfig } from '../../../../../../main/engine/models/config';
import { SeededRandom } from '../../../../../../main/engine/random';
import { sampleAugmentParams } from '../../../../../../main/engine/train/augment';
import { createFastGanContext, disposeFastGanContext, fastGanState, type FastGanContext } from '../../../../../../main/engine/train/fastgan/context';
import { discriminatorStep, generatorStep } from '../../../../../../main/engine/train/fastgan/steps';
import { trainStep } from '../../../../../../main/engine/train/fastgan/train-step';
import { tinyFastGanConfig, useWasmBackend } from '../../models/fastgan-fixtures';
import { changedWeights, seededNormal, snapshotWeights } from '../../models/ml-fixtures';

beforeAll(useWasmBackend);

const contexts: FastGanContext[] = [];
afterEach(() => contexts.splice(0).forEach(disposeFastGanContext));

function context(config: FastGanConfig, seed = 1): FastGanContext {
  const created = createFastGanContext(config, new SeededRandom(seed));
  contexts.push(created);
  return created;
}

/** A batch of seeded real images in [−1, 1] (and labels when conditional), as the data source hands them over. */
function batchOf(config: FastGanConfig, seed: number) {
  const { batchSize, resolution, channels, classes } = config;
  return {
    images: tf.tidy(() => tf.tanh(seededNormal([batchSize, resolution, resolution, channels], seed))) as tf.Tensor4D,
    labels: classes > 0 ? tf.tensor1d(Array.from({ length: batchSize }, (_, index) => index % classes), 'int32') : null,
  };
}

const networks = (ctx: FastGanContext) => ({
  generator: snapshotWeights(ctx.generator),
  discriminator: snapshotWeights(ctx.discriminator),
  decoderWhole: snapshotWeights(ctx.decoders.whole),
  decoderPart: snapshotWeights(ctx.decoders.part),
});

describe('FastGAN one-step trainers', () => {
  it('leak no tensors per step, with conditioning and augmentation on', () => {
    const ctx = context(tinyFastGanConfig({ classes: 3, channels: 3 }));
    const random = new SeededRandom(2);
    trainStep(ctx, batchOf(ctx.config, 1), random, 0); // the first step creates Adam's slots
    const before = tf.memory().numTensors;
    const result = trainStep(ctx, batchOf(ctx.config, 2), random, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(result).sort()).toEqual(['dFake', 'dReal', 'lossD', 'lossG', 'reconstruction', 'signReal']);
    for (const value of Object.values(result)) expect(Number.isFinite(value)).toBe(true);
  });

  it('change only their own side’s weights, batch-norm statistics included', () => {
    const ctx = context(tinyFastGanConfig({ resolution: 64 }));
    const { batchSize, latentSize, resolution, augment } = ctx.config;
    const random = new SeededRandom(3);
    const { images } = batchOf(ctx.config, 4);
    const noise = seededNormal([batchSize, latentSize], 5) as tf.Tensor2D;
    const trainable = (model: FastGanContext['generator']) => model.trainableWeights.map((weight) => weight.originalName);

    let before = networks(ctx);
    discriminatorStep(ctx, images, null, noise, null, sampleAugmentParams(random, batchSize, resolution, augment), sampleAugmentParams(random, batchSize, resolution, augment), 1);
    let after = networks(ctx);
    expect(changedWeights(before.generator, after.generator)).toEqual([]);
    expect(changedWeights(before.discriminator, after.discriminator)).toEqual(expect.arrayContaining([...trainable(ctx.discriminator), 'd_8_main_bn1/moving_mean']));
    expect(changedWeights(before.decoderWhole, after.decoderWhole)).toEqual(expect.arrayContaining(trainable(ctx.decoders.whole)));
    expect(changedWeights(before.decoderPart, after.decoderPart)).toEqual(expect.arrayContaining(trainable(ctx.decoders.part)));

    before = after;
    generatorStep(ctx, noise, null, sampleAugmentParams(random, batchSize, resolution, augment));
    after = networks(ctx);
    expect(changedWeights(before.discriminator, after.discriminator)).toEqual([]);
    expect(changedWeights(before.decoderWhole, after.decoderWhole)).toEqual([]);
    expect(changedWeights(before.decoderPart, after.decoderPart)).toEqual([]);
    expect(changedWeights(before.generator, after.generator)).toEqual(
      expect.arrayContaining([...trainable(ctx.generator), 'g_init_bn/moving_mean', 'g_64_excite_conv1/kernel']),
    );
    tf.dispose([images, noise]);
  });

  it('reconstruct the quadrant they are given', () => {
    const ctx = context(tinyFastGanConfig());
    const { batchSize, latentSize } = ctx.config;
    const reconstructionWith = (quadrant: 0 | 1 | 2 | 3) => {
      // Fresh models each time, so only the quadrant differs.
      const fresh = context(ctx.config, 6);
      const { images } = batchOf(fresh.config, 7);
      const noise = seededNormal([batchSize, latentSize], 8) as tf.Tensor2D;
      const none = sampleAugmentParams(new SeededRandom(1), batchSize, 32, null);
      const { reconstruction } = discriminatorStep(fresh, images, null, noise, null, none, none, quadrant);
      tf.dispose([images, noise]);
      return reconstruction;
    };
    const byQuadrant = ([0, 1, 2, 3] as const).map(reconstructionWith);
    expect(new Set(byQuadrant).size).toBe(4);
  });

  it('are deterministic: the same seeds give bit-identical steps, quadrants and weights', () => {
    const config = tinyFastGanConfig({ classes: 2 });
    const [first, second] = [context(config, 9), context(config, 9)];
    const [firstRandom, secondRandom] = [new SeededRandom(10), new SeededRandom(10)];
    for (let step = 0; step < 2; step++) {
      expect(trainStep(second, batchOf(config, step), secondRandom, step)).toEqual(trainStep(first, batchOf(config, step), firstRandom, step));
    }
    expect(secondRandom.state).toEqual(firstRandom.state);
    const [a, b] = [networks(first), networks(second)];
    for (const name of Object.keys(a) as (keyof typeof a)[]) expect(changedWeights(a[name], b[name])).toEqual([]);
    expect(changedWeights(snapshotWeights(first.ema!), snapshotWeights(second.ema!))).toEqual([]);
  });

  it('list every network and optimizer a checkpoint keeps', () => {
    const state = fastGanState(context(tinyFastGanConfig()));
    expect(state.networks.map(([name]) => name)).toEqual(['generator', 'discriminator', 'decoderWhole', 'decoderPart', 'ema']);
    expect(state.optimizers.map(([name]) => name)).toEqual(['optimizerG', 'optimizerD']);
    expect(fastGanState(context(tinyFastGanConfig({ emaDecay: 0 }))).networks.map(([name]) => name)).not.toContain('ema');
  });

  it('insist on labels exactly when the model is conditional', () => {
    const noise = tf.zeros([2, 8]) as tf.Tensor2D;
    const none = sampleAugmentParams(new SeededRandom(1), 2, 32, null);
    expect(() => generatorStep(context(tinyFastGanConfig({ classes: 2 })), noise, null, none)).toThrow(/needs labels/);
    const labels = tf.zeros([2], 'int32') as tf.Tensor1D;
    expect(() => generatorStep(context(tinyFastGanConfig()), noise, labels, none)).toThrow(/takes no labels/);
    tf.dispose([noise, labels]);
  });
});
