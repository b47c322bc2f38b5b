import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../../../main/engine/random';
import { HistoryPool } from '../../../../../../main/engine/train/cyclegan/history-pool';
import { useCpuBackend } from '../../models/ml-fixtures';

beforeAll(useCpuBackend);

/** One 1×1 grey image whose single value names it. */
const image = (value: number) => tf.tensor4d([value], [1, 1, 1, 1]);
const queried = (pool: HistoryPool, value: number, random: SeededRandom) => {
  const input = image(value);
  const output = pool.query(input, random);
  const result = output.dataSync()[0]!;
  tf.dispose([input, output]);
  return result;
};

describe('the history pool', () => {
  it('passes images through while it fills, then answers half the time with an older one it swaps out', () => {
    const pool = new HistoryPool(4, [1, 1, 1]);
    const random = new SeededRandom(1);
    expect([1, 2, 3, 4].map((value) => queried(pool, value, random))).toEqual([1, 2, 3, 4]);
    expect(pool.size).toBe(4);
    const answers = Array.from({ length: 200 }, (_, index) => queried(pool, 100 + index, random));
    const older = answers.filter((answer, index) => answer !== 100 + index);
    expect(older.length).toBeGreaterThan(70);
    expect(older.length).toBeLessThan(130);
    // An older answer is an image that went in before the one asked about, and each comes out once.
    answers.forEach((answer, index) => expect(answer).toBeLessThanOrEqual(100 + index));
    expect(new Set(older).size).toBe(older.length);
    expect(pool.size).toBe(4);
  });

  it('is kept in a checkpoint: a restored pool answers as the original would', () => {
    const pool = new HistoryPool(3, [1, 1, 1]);
    const random = new SeededRandom(2);
    for (const value of [1, 2, 3, 4, 5]) queried(pool, value, random);
    const copy = new HistoryPool(3, [1, 1, 1]);
    copy.restore(pool.stored('poolA'));
    const [a, b] = [SeededRandom.fromState(random.state), SeededRandom.fromState(random.state)];
    expect([6, 7, 8, 9].map((value) => queried(copy, value, a))).toEqual([6, 7, 8, 9].map((value) => queried(pool, value, b)));
  });

  it('refuses a stored pool of the wrong shape', () => {
    const pool = new HistoryPool(2, [1, 1, 1]);
    expect(() => pool.restore({ name: 'poolA', shape: [3, 1, 1, 1], dtype: 'float32', data: new Float32Array(3) })).toThrow(/poolA/);
  });
});
