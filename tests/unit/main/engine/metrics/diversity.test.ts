import { beforeAll, describe, expect, it } from 'vitest';
import { fashionBatch, hasFashionMnist, range, readFashionMnist, withNoise } from './image-fixtures';
import type { IdxDataset } from '../../../../../main/datasets/sources/idx';
import { measureDiversity, modeCollapseScore, modeCollapseWarning } from '../../../../../main/engine/metrics/diversity';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';

/** `count` images, each with one grey level everywhere: their RMS distances are just the level differences. */
function flatImages(levels: readonly number[], side = 16): ImageBatch {
  const pixels = new Uint8Array(levels.length * side * side);
  levels.forEach((level, image) => pixels.fill(level, image * side * side, (image + 1) * side * side));
  return { pixels, count: levels.length, height: side, width: side, channels: 1 };
}

describe('diversity', () => {
  it('is the mean pairwise RMS distance of the generated images over that of the real ones', () => {
    // Generated pairs differ by 51, 102 and 51 grey levels (mean 68); real pairs by 255.
    const result = measureDiversity(flatImages([0, 51, 102]), flatImages([0, 255]));
    expect(result.generatedSpread).toBeCloseTo(68 / 255, 5);
    expect(result.realSpread).toBeCloseTo(1, 5);
    expect(result.score).toBeCloseTo(68 / 255, 5);
  });

  it('samples pairs beyond the limit, reproducibly', () => {
    const levels = range(0, 40).map((index) => (index * 37) % 256);
    const exact = measureDiversity(flatImages(levels), flatImages([0, 255])).generatedSpread;
    const sampled = measureDiversity(flatImages(levels), flatImages([0, 255]), { maxPairs: 300, seed: 4 });
    expect(sampled.generatedSpread).toBeCloseTo(exact, 1);
    expect(measureDiversity(flatImages(levels), flatImages([0, 255]), { maxPairs: 300, seed: 4 })).toEqual(sampled);
  });

  it('refuses what it cannot compare', () => {
    expect(() => measureDiversity(flatImages([3]), flatImages([0, 255]))).toThrow(/at least two/);
    expect(() => measureDiversity(flatImages([3, 4]), flatImages([9, 9]))).toThrow(/identical/);
  });

  it('warns below the threshold only', () => {
    expect(modeCollapseWarning(0.05)).toMatch(/mode collapse/);
    expect(modeCollapseWarning(modeCollapseScore)).toBeNull();
    expect(modeCollapseWarning(1)).toBeNull();
  });
});

describe.skipIf(!hasFashionMnist)('diversity on Fashion-MNIST', () => {
  let test: IdxDataset;
  let real: ImageBatch;

  beforeAll(async () => {
    test = await readFashionMnist('t10k');
    real = fashionBatch(test, range(0, 512));
  });

  it('scores another sample of the real data about 1, without a warning', () => {
    const { score } = measureDiversity(fashionBatch(test, range(5000, 512)), real);
    expect(score).toBeGreaterThan(0.95);
    expect(score).toBeLessThan(1.05);
    expect(modeCollapseWarning(score)).toBeNull();
  });

  it('does not warn for the least varied single class (trousers), which is not collapse', () => {
    const trousers = range(0, 10_000).filter((index) => test.label(index) === 1).slice(0, 512);
    const { score } = measureDiversity(fashionBatch(test, trousers), real);
    expect(score).toBeLessThan(0.8);
    expect(modeCollapseWarning(score)).toBeNull();
  });

  it('scores copies of one image with slight noise near 0, and warns', () => {
    const copies = withNoise(fashionBatch(test, range(0, 512).map(() => 6000)), 4, 1);
    const { score } = measureDiversity(copies, real);
    expect(score).toBeLessThan(0.1);
    expect(modeCollapseWarning(score)).toMatch(/collapsing/);
  });
});
