import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { areaResize, quadrantOf } from '../../../../../../main/engine/train/fastgan/reconstruction';
import { useWasmBackend } from '../../models/fastgan-fixtures';

beforeAll(useWasmBackend);

/** A 4×4 one-channel image whose pixels are 0 … 15, row by row. */
const ramp = () => tf.reshape(tf.range(0, 16), [1, 4, 4, 1]) as tf.Tensor4D;

describe('FastGAN reconstruction targets', () => {
  it('number the quadrants as the paper does: top left, top right, bottom left, bottom right', () => {
    const quadrants = tf.tidy(() => ([0, 1, 2, 3] as const).map((quadrant) => Array.from(quadrantOf(ramp(), quadrant).dataSync())));
    expect(quadrants).toEqual([
      [0, 1, 4, 5],
      [2, 3, 6, 7],
      [8, 9, 12, 13],
      [10, 11, 14, 15],
    ]);
  });

  it('scale images down by averaging each block, and leave them alone at their own size', () => {
    const [halved, same] = tf.tidy(() => [Array.from(areaResize(ramp(), 2).dataSync()), Array.from(areaResize(ramp(), 4).dataSync())]);
    expect(halved).toEqual([2.5, 4.5, 10.5, 12.5]);
    expect(same).toEqual(Array.from({ length: 16 }, (_, index) => index));
    expect(() => tf.tidy(() => areaResize(ramp(), 3))).toThrow(/whole blocks/);
  });
});
