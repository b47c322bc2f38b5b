import { beforeAll, describe, expect, it } from 'vitest';
import { blurred, fashionBatch, hasFashionMnist, padded32, range, readFashionMnist, uniformNoise, withNoise } from './image-fixtures';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';
import { slicedWassersteinDistance, wasserstein1Sorted } from '../../../../../main/engine/metrics/sliced-wasserstein';
import { SeededRandom } from '../../../../../main/engine/random';

function randomColourImages(count: number, side: number, seed: number): ImageBatch {
  const random = new SeededRandom(seed);
  // Smooth-ish images: a random colour gradient per image plus a little noise, so every level has some content.
  const pixels = new Uint8Array(count * side * side * 3);
  for (let image = 0; image < count; image++) {
    const slopes = Array.from({ length: 6 }, () => random.uniform() * 4);
    for (let row = 0; row < side; row++) {
      for (let column = 0; column < side; column++) {
        for (let channel = 0; channel < 3; channel++) {
          const value = slopes[channel]! * row + slopes[channel + 3]! * column + 20 * random.normal();
          pixels[((image * side + row) * side + column) * 3 + channel] = Math.max(0, Math.min(255, Math.round(value)));
        }
      }
    }
  }
  return { pixels, count, height: side, width: side, channels: 3 };
}

describe('1-D Wasserstein distance of sorted samples', () => {
  it('is the mean absolute difference of matched values for equal sizes, and a shift moves it by the shift', () => {
    expect(wasserstein1Sorted(Float32Array.of(0, 1, 2), Float32Array.of(1, 1, 4))).toBeCloseTo(1, 6);
    expect(wasserstein1Sorted(Float32Array.of(-1, 0, 3), Float32Array.of(1.5, 2.5, 5.5))).toBeCloseTo(2.5, 6);
  });

  it('integrates between the quantile functions for unequal sizes', () => {
    // Quantiles: {0, 1} is 0 below 1/2 and 1 above; {0, 0.5, 1} steps at 1/3 and 2/3. They differ by 0.5 on (1/3, 2/3).
    expect(wasserstein1Sorted(Float32Array.of(0, 1), Float32Array.of(0, 0.5, 1))).toBeCloseTo(1 / 6, 6);
    expect(wasserstein1Sorted(Float32Array.of(2), Float32Array.of(0, 1, 2, 3))).toBeCloseTo(1, 6);
    // A sample and itself repeated have the same distribution.
    expect(wasserstein1Sorted(Float32Array.of(1, 2, 5), Float32Array.of(1, 1, 2, 2, 5, 5))).toBe(0);
  });
});

describe('sliced Wasserstein distance', () => {
  const first = randomColourImages(64, 64, 1);
  const second = randomColourImages(64, 64, 2);

  it('reports one value per pyramid level, finest first, and their mean', () => {
    const result = slicedWassersteinDistance(first, second);
    expect(result.perLevel.map(({ resolution }) => resolution)).toEqual([64, 32, 16]);
    const mean = result.perLevel.reduce((total, { swd }) => total + swd, 0) / 3;
    expect(result.average).toBeCloseTo(mean, 9);
    for (const { swd } of result.perLevel) expect(swd).toBeGreaterThan(0);
  });

  it('is zero between a set and itself', () => {
    const result = slicedWassersteinDistance(first, first);
    for (const { swd } of result.perLevel) expect(swd).toBeLessThan(1e-6);
  });

  it('is reproducible for a seed, symmetric, and only a little different for another seed', () => {
    const once = slicedWassersteinDistance(first, second, { seed: 5 });
    expect(slicedWassersteinDistance(first, second, { seed: 5 })).toEqual(once);
    expect(slicedWassersteinDistance(second, first, { seed: 5 }).average).toBeCloseTo(once.average, 3);
    const other = slicedWassersteinDistance(first, second, { seed: 6 });
    expect(other.average).not.toBe(once.average);
    expect(Math.abs(other.average - once.average)).toBeLessThan(0.2 * once.average);
  });

  it('compares sets of different sizes', () => {
    const result = slicedWassersteinDistance(first, randomColourImages(40, 64, 1));
    expect(result.average).toBeGreaterThan(0);
    expect(result.average).toBeLessThan(slicedWassersteinDistance(first, uniformNoise(first, 3)).average);
  });

  it('rejects sets of different shapes and bad options', () => {
    expect(() => slicedWassersteinDistance(first, randomColourImages(8, 32, 1))).toThrow(/same shape/);
    expect(() => slicedWassersteinDistance(first, { ...second, pixels: second.pixels.subarray(1) })).toThrow(/bytes/);
    expect(() => slicedWassersteinDistance(first, second, { directionCount: 0 })).toThrow(/directionCount/);
    expect(() => slicedWassersteinDistance(first, second, { minResolution: 4 })).toThrow(/minResolution/);
    const tiny = randomColourImages(4, 6, 1);
    expect(() => slicedWassersteinDistance(tiny, tiny)).toThrow(/too small/);
  });
});

describe.skipIf(!hasFashionMnist)('sliced Wasserstein distance on Fashion-MNIST', () => {
  let real: ImageBatch;
  let otherReal: ImageBatch;

  beforeAll(async () => {
    const test = await readFashionMnist('t10k');
    real = padded32(fashionBatch(test, range(0, 256)));
    otherReal = padded32(fashionBatch(test, range(5000, 256)));
  });

  it('finds two samples of the real data close, and real against noise far apart', () => {
    const realToReal = slicedWassersteinDistance(real, otherReal);
    const realToNoise = slicedWassersteinDistance(real, uniformNoise(otherReal, 1));
    expect(realToReal.perLevel.map(({ resolution }) => resolution)).toEqual([32, 16]);
    // Measured: about 35 against about 730 (×10³), with 256 or 512 images.
    expect(realToReal.average).toBeLessThan(60);
    expect(realToNoise.average).toBeGreaterThan(8 * realToReal.average);
    for (const [level, { swd }] of realToNoise.perLevel.entries()) expect(swd).toBeGreaterThan(5 * realToReal.perLevel[level]!.swd);
  });

  it('grows steadily as the images get noisier', () => {
    const distances = [0, 16, 32, 64].map((greyLevels) => slicedWassersteinDistance(real, withNoise(otherReal, greyLevels, 2)).average);
    // Measured: 35, 56, 119, 263.
    for (let step = 1; step < distances.length; step++) expect(distances[step]!).toBeGreaterThan(distances[step - 1]! * 1.3);
  });

  it('grows steadily as the images get blurrier, mostly at the finest level', () => {
    const once = blurred(otherReal);
    const twice = blurred(once);
    const results = [otherReal, once, twice].map((images) => slicedWassersteinDistance(real, images));
    // Measured (32×32 level / 16×16 level): 30 / 40, 443 / 56, 586 / 76.
    for (let step = 1; step < results.length; step++) {
      expect(results[step]!.average).toBeGreaterThan(results[step - 1]!.average * 1.2);
      expect(results[step]!.perLevel[0]!.swd).toBeGreaterThan(results[step]!.perLevel[1]!.swd);
    }
  });
});
