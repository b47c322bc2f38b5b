import { beforeAll, describe, expect, it } from 'vitest';
import { fashionBatch, hasFashionMnist, range, readFashionMnist, uniformNoise, withNoise } from './image-fixtures';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';
import { MemorisationCheck, memorisationWarning, nearCopyDistance } from '../../../../../main/engine/metrics/memorisation';

/** A copy of `batch` with image `target` replaced by image `source` of `from`. */
function planted(batch: ImageBatch, target: number, from: ImageBatch, source: number): ImageBatch {
  const size = batch.height * batch.width * batch.channels;
  const pixels = batch.pixels.slice();
  pixels.set(from.pixels.subarray(source * size, (source + 1) * size), target * size);
  return { ...batch, pixels };
}

function first(batch: ImageBatch, count: number): ImageBatch {
  return { ...batch, pixels: batch.pixels.subarray(0, count * batch.height * batch.width * batch.channels), count };
}

/** Grey images made colour by a fixed tint per image, then doubled in size: what a 64×64 RGB model would be compared on. */
function tintedAndEnlarged(batch: ImageBatch): ImageBatch {
  const side = batch.width * 2;
  const pixels = new Uint8Array(batch.count * side * side * 3);
  for (let image = 0; image < batch.count; image++) {
    for (let row = 0; row < side; row++) {
      for (let column = 0; column < side; column++) {
        const grey = batch.pixels[(image * batch.height + (row >> 1)) * batch.width + (column >> 1)]!;
        pixels.set([grey, Math.round(grey * 0.8), Math.round(grey * 0.5)], ((image * side + row) * side + column) * 3);
      }
    }
  }
  return { pixels, count: batch.count, height: side, width: side, channels: 3 };
}

describe.skipIf(!hasFashionMnist)('memorisation on Fashion-MNIST', () => {
  let training: ImageBatch;
  let heldOut: ImageBatch;
  let check: MemorisationCheck;

  beforeAll(async () => {
    training = fashionBatch(await readFashionMnist('train'), range(0, 5000));
    heldOut = fashionBatch(await readFashionMnist('t10k'), range(0, 128));
    check = new MemorisationCheck(training);
  });

  it('finds a training image planted among generated ones at distance 0, and names the pair', () => {
    const report = check.measure(planted(heldOut, 17, training, 1234));
    expect(report.min).toBeLessThan(1e-6);
    expect(report.closest).toEqual({ generatedIndex: 17, trainingIndex: 1234, distance: report.min });
    expect(report.nearestTrainingIndices[17]).toBe(1234);
    expect(memorisationWarning(report)).toMatch(/1 of 128 generated images.*#17.*#1234/);
  });

  it('still catches a copy reproduced with noise', () => {
    const report = check.measure(withNoise(planted(heldOut, 3, training, 42), 6, 1));
    expect(report.closest).toMatchObject({ generatedIndex: 3, trainingIndex: 42 });
    expect(report.min).toBeLessThan(nearCopyDistance);
    expect(memorisationWarning(report)).not.toBeNull();
  });

  it('does not warn for unseen real images, which lie well away from every training image', () => {
    const report = check.measure(heldOut);
    // Measured against 10,000 training images: median 0.114, minimum 0.040 over these.
    expect(report.median).toBeGreaterThan(0.08);
    expect(report.min).toBeGreaterThan(nearCopyDistance);
    expect(memorisationWarning(report)).toBeNull();
  });

  it('gives noise images large distances', () => {
    const report = check.measure(uniformNoise(heldOut, 5));
    expect(report.min).toBeGreaterThan(0.2);
    expect(report.distances).toHaveLength(128);
  });

  it('compares colour images of another size as grey 32×32 thumbnails', () => {
    const colourTraining = tintedAndEnlarged(first(training, 500));
    const colourGenerated = planted(tintedAndEnlarged(first(heldOut, 32)), 9, colourTraining, 250);
    const report = new MemorisationCheck(colourTraining).measure(colourGenerated);
    expect(report.closest).toMatchObject({ generatedIndex: 9, trainingIndex: 250 });
    expect(report.min).toBeLessThan(1e-6);
  });
});
