import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { BilinearUpsampling2D, doubleBilinear } from '../../../../../main/engine/models/bilinear-upsample';
import { defaultFastGanConfig } from '../../../../../main/engine/models/config';
import { modelConfigSchema } from '../../../../../main/engine/models/config-schema';
import { saveAndLoad, seededNormal, useCpuBackend } from './ml-fixtures';

beforeAll(useCpuBackend);

/**
 * Half-pixel bilinear ×2 written out from its definition (PyTorch's
 * align_corners=False): output pixel o samples the input at (o + ½)/2 − ½,
 * clamped to the image, interpolating between its two neighbours.
 */
function referenceDouble(values: Float32Array, [height, width]: [number, number]): Float32Array {
  const sample = (o: number, side: number) => {
    const at = Math.min(Math.max((o + 0.5) / 2 - 0.5, 0), side - 1);
    const low = Math.floor(at);
    return { low, high: Math.min(low + 1, side - 1), weight: at - low };
  };
  const out = new Float32Array(4 * height * width);
  for (let y = 0; y < 2 * height; y++) {
    const row = sample(y, height);
    for (let x = 0; x < 2 * width; x++) {
      const column = sample(x, width);
      const at = (r: number, c: number) => values[r * width + c]!;
      const top = at(row.low, column.low) * (1 - column.weight) + at(row.low, column.high) * column.weight;
      const bottom = at(row.high, column.low) * (1 - column.weight) + at(row.high, column.high) * column.weight;
      out[y * 2 * width + x] = top * (1 - row.weight) + bottom * row.weight;
    }
  }
  return out;
}

describe('bilinear upsampling', () => {
  it('doubles an image as half-pixel bilinear interpolation does, edges included', () => {
    const x = seededNormal([1, 5, 7, 1], 3);
    const doubled = tf.tidy(() => doubleBilinear(x as tf.Tensor4D).dataSync() as Float32Array);
    const expected = referenceDouble(x.dataSync() as Float32Array, [5, 7]);
    expect(doubled.length).toBe(expected.length);
    doubled.forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 5));
  });

  it("draws a sky's smooth gradient as a gradient, where nearest resizing leaves a step every two rows", () => {
    // A vertical ramp, as a sky darkens toward the top.
    const ramp = tf.tile(tf.reshape(tf.linspace(0, 1, 8), [1, 8, 1, 1]), [1, 1, 4, 1]) as tf.Tensor4D;
    const rowsOf = (image: tf.Tensor) => Array.from({ length: 16 }, (_, row) => image.dataSync()[row * 8]!);
    const steps = (rows: number[]) => rows.slice(1).map((value, index) => value - rows[index]!);
    const bilinear = steps(rowsOf(doubleBilinear(ramp))).slice(1, -1);
    const nearest = steps(rowsOf(tf.image.resizeNearestNeighbor(ramp, [16, 8]))).slice(1, -1);
    // Inside the edges, every row is brighter than the last by the same amount…
    for (const step of bilinear) expect(step).toBeCloseTo(bilinear[0]!, 5);
    // …where nearest repeats each row, then jumps: a band.
    expect(nearest.filter((step) => step === 0)).toHaveLength(Math.floor(nearest.length / 2));
  });

  it('passes back exactly the adjoint: the gradient of ⟨up(x), y⟩ is upᵀ(y)', () => {
    const x = seededNormal([2, 3, 4, 2], 5) as tf.Tensor4D;
    const y = seededNormal([2, 6, 8, 2], 6);
    const gradient = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(doubleBilinear(input as tf.Tensor4D), y)))(x);
    // ⟨up(e_i), y⟩ for each basis image e_i, from the definition.
    const basis = x.dataSync().length;
    const expected = new Float32Array(basis);
    const yValues = y.dataSync();
    for (let index = 0; index < basis; index++) {
      const unit = new Float32Array(basis);
      unit[index] = 1;
      const doubled = tf.tidy(() => doubleBilinear(tf.tensor4d(unit, x.shape)).dataSync() as Float32Array);
      expected[index] = doubled.reduce((sum, value, at) => sum + value * yValues[at]!, 0);
    }
    Array.from(gradient.dataSync()).forEach((value, index) => expect(value).toBeCloseTo(expected[index]!, 4));
  });

  it('is saved with a model and draws the same after loading', async () => {
    const input = tfl.input({ shape: [4, 4, 3] });
    const model = tfl.model({ inputs: input, outputs: new BilinearUpsampling2D({ name: 'up' }).apply(input) as tfl.SymbolicTensor });
    const loaded = await saveAndLoad(model);
    const x = seededNormal([1, 4, 4, 3], 9);
    expect(loaded.layers.at(-1)!.getClassName()).toBe('BilinearUpsampling2D');
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from((model.predict(x) as tf.Tensor).dataSync()));
  });

  it("is FastGAN's default, and a FastGAN config written before the choice reads as the nearest resizing it was built with", () => {
    expect(defaultFastGanConfig.upsample).toBe('bilinear');
    const { upsample: _, ...written } = { ...defaultFastGanConfig, resolution: 32, channels: 1, classes: 0 };
    const parsed = modelConfigSchema.parse(written);
    expect(parsed.architecture === 'fastgan' && parsed.upsample).toBe('nearest');
  });
});
