import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GanLoss } from '../../../../../main/engine/models/config';
import { discriminatorLoss, generatorLoss } from '../../../../../main/engine/train/losses';
import { useCpuBackend } from '../models/ml-fixtures';

beforeAll(useCpuBackend);

const softplus = (x: number) => Math.log1p(Math.exp(x));

function lossOf(compute: () => tf.Scalar): number {
  const loss = compute();
  const value = loss.dataSync()[0]!;
  loss.dispose();
  return value;
}

function discriminator(loss: GanLoss, real: number[], fake: number[]): number {
  return lossOf(() => tf.tidy(() => discriminatorLoss(loss, tf.tensor2d(real, [real.length, 1]), tf.tensor2d(fake, [fake.length, 1]))));
}

function generator(loss: GanLoss, fake: number[]): number {
  return lossOf(() => tf.tidy(() => generatorLoss(loss, tf.tensor2d(fake, [fake.length, 1]))));
}

describe('GAN losses on logits', () => {
  it('non-saturating: 2·ln 2 for an undecided discriminator, softplus terms otherwise', () => {
    expect(discriminator('non-saturating', [0, 0], [0, 0])).toBeCloseTo(2 * Math.LN2, 6);
    expect(discriminator('non-saturating', [3, -1], [-2, 4])).toBeCloseTo((softplus(-3) + softplus(1)) / 2 + (softplus(-2) + softplus(4)) / 2, 5);
    expect(generator('non-saturating', [0])).toBeCloseTo(Math.LN2, 6);
    expect(generator('non-saturating', [2, -3])).toBeCloseTo((softplus(-2) + softplus(3)) / 2, 5);
  });

  it('non-saturating stays finite where a sigmoid would saturate', () => {
    expect(discriminator('non-saturating', [200], [-200])).toBeCloseTo(0, 6);
    expect(generator('non-saturating', [-200])).toBeCloseTo(200, 3);
  });

  it('hinge: only margins inside ±1 count for the discriminator; the generator raises the fake logits', () => {
    // Real: relu(1 − 2) = 0 and relu(1 − 0.5) = 0.5; fake: relu(1 − 2) = 0 and relu(1 + 0.5) = 1.5.
    expect(discriminator('hinge', [2, 0.5], [-2, 0.5])).toBeCloseTo(0.25 + 0.75, 6);
    expect(discriminator('hinge', [5], [-5])).toBe(0);
    expect(generator('hinge', [1, -3])).toBeCloseTo(1, 6);
  });

  it('leave no tensors behind', () => {
    const before = tf.memory().numTensors;
    discriminator('hinge', [1], [1]);
    generator('non-saturating', [1]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
