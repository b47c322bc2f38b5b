import { beforeAll, describe, expect, it } from 'vitest';
import { blurred, fashionBatch, hasFashionMnist, padded32, range, readFashionMnist } from './image-fixtures';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';
import { slicedWassersteinDistance } from '../../../../../main/engine/metrics/sliced-wasserstein';
import {
  compareSpectra,
  measureSpectralArtefacts,
  spectralArtefactLimit,
  spectralArtefactWarning,
  spectralProfile,
} from '../../../../../main/engine/metrics/spectral-artefacts';
import { SeededRandom } from '../../../../../main/engine/random';

/** A checkerboard of `square`-pixel squares, ±`greyLevels`, added to every image (clipped to bytes). */
function withCheckerboard(batch: ImageBatch, greyLevels: number, square: number): ImageBatch {
  const { width, height, channels } = batch;
  const pixels = batch.pixels.map((value, index) => {
    const pixel = Math.floor(index / channels) % (width * height);
    const sign = (Math.floor(Math.floor(pixel / width) / square) + Math.floor((pixel % width) / square)) % 2 === 0 ? 1 : -1;
    return Math.max(0, Math.min(255, value + sign * greyLevels));
  });
  return { ...batch, pixels };
}

/** Smooth random colour images: a gradient per image and a soft blob, so they have a natural, falling spectrum. */
function smoothColourImages(count: number, side: number, seed: number): ImageBatch {
  const random = new SeededRandom(seed);
  const pixels = new Uint8Array(count * side * side * 3);
  for (let image = 0; image < count; image++) {
    // Gradients of up to 96 grey levels across the image, so that nothing clips.
    const [slopeX, slopeY, centreX, centreY] = [(random.uniform() * 96) / side, (random.uniform() * 96) / side, random.uniform() * side, random.uniform() * side];
    for (let row = 0; row < side; row++) {
      for (let column = 0; column < side; column++) {
        const blob = 120 * Math.exp(-((row - centreY) ** 2 + (column - centreX) ** 2) / (side * 2));
        for (let channel = 0; channel < 3; channel++) {
          const value = 40 + slopeX * column + slopeY * row + blob * (channel + 1) / 3 + 4 * random.normal();
          pixels[((image * side + row) * side + column) * 3 + channel] = Math.max(0, Math.min(255, Math.round(value)));
        }
      }
    }
  }
  return { pixels, count, height: side, width: side, channels: 3 };
}

describe('spectral artefact score', () => {
  const first = smoothColourImages(128, 32, 1);
  const second = smoothColourImages(128, 32, 2);

  it('is 0 between a set and itself, and small between two sets of the same kind', () => {
    expect(measureSpectralArtefacts(first, first)).toEqual({ score: 0, radial: 0, harmonic: 0 });
    const same = measureSpectralArtefacts(first, second);
    expect(same.score).toBeLessThan(spectralArtefactLimit);
    expect(same.score).toBeCloseTo(same.radial + same.harmonic, 9);
  });

  it('sees a checkerboard on colour images in the harmonic term', () => {
    const checkered = measureSpectralArtefacts(withCheckerboard(second, 3, 1), first);
    expect(checkered.harmonic).toBeGreaterThan(3 * spectralArtefactLimit);
    expect(checkered.harmonic).toBeGreaterThan(10 * checkered.radial);
  });

  it('gives the same score from a kept reference profile as from the images', () => {
    const reference = spectralProfile(first);
    expect(compareSpectra(spectralProfile(second), reference)).toEqual(measureSpectralArtefacts(second, first));
    expect(reference).toMatchObject({ height: 32, width: 32, count: 128 });
  });

  it('analyses large images in their central 128-pixel window, where a checkerboard shows all the same', () => {
    const large = smoothColourImages(16, 256, 3);
    const profile = spectralProfile(large);
    expect(profile).toMatchObject({ height: 128, width: 128, count: 16 });
    const clean = measureSpectralArtefacts(smoothColourImages(16, 256, 4), large);
    const checkered = measureSpectralArtefacts(withCheckerboard(smoothColourImages(16, 256, 4), 3, 1), large);
    expect(checkered.harmonic).toBeGreaterThan(clean.score + 2 * spectralArtefactLimit);
  });

  it('refuses sets of different sizes', () => {
    expect(() => measureSpectralArtefacts(first, smoothColourImages(4, 16, 1))).toThrow(/cannot be compared/);
    expect(() => measureSpectralArtefacts(first, { ...second, pixels: second.pixels.subarray(3) })).toThrow(/bytes/);
  });

  it('warns above its limit only, naming a checkerboard or lost detail by which term dominates', () => {
    expect(spectralArtefactWarning({ score: spectralArtefactLimit, harmonic: 0 })).toBeNull();
    expect(spectralArtefactWarning({ score: 1, harmonic: 1 })).toBeNull();
    expect(spectralArtefactWarning({ score: 14, harmonic: 13 })).toMatch(/checkerboard.*resize-convolution/);
    expect(spectralArtefactWarning({ score: 14, harmonic: 1 })).toMatch(/fine detail unlike the real images \(blur/);
  });
});

describe.skipIf(!hasFashionMnist)('spectral artefact score on Fashion-MNIST', () => {
  let real: ImageBatch;
  let otherReal: ImageBatch;
  let realToReal: number;
  let swdRealToReal: number;

  beforeAll(async () => {
    const test = await readFashionMnist('t10k');
    real = padded32(fashionBatch(test, range(0, 512)));
    otherReal = padded32(fashionBatch(test, range(5000, 256)));
    realToReal = measureSpectralArtefacts(otherReal, real).score;
    swdRealToReal = slicedWassersteinDistance(real, otherReal, { seed: 1 }).average;
  });

  it('scores the other half of the real data low, without a warning', () => {
    // Measured: 0.94.
    expect(realToReal).toBeLessThan(1.5);
    expect(spectralArtefactWarning(measureSpectralArtefacts(otherReal, real))).toBeNull();
  });

  it('jumps for a faint pixel checkerboard that SWD barely notices', () => {
    const checkered = withCheckerboard(otherReal, 2, 1);
    const result = measureSpectralArtefacts(checkered, real);
    const swd = slicedWassersteinDistance(real, checkered, { seed: 1 }).average;
    // Measured: 14.6 against 0.94; SWD 40.0 against 40.7.
    expect(result.score).toBeGreaterThan(10 * realToReal);
    expect(result.harmonic).toBeGreaterThan(result.radial);
    expect(Math.abs(swd - swdRealToReal)).toBeLessThan(0.05 * swdRealToReal);
    expect(spectralArtefactWarning(result)).toMatch(/checkerboard/);
  });

  it('also sees a checkerboard of 2-pixel squares, where SWD moves little', () => {
    const checkered = withCheckerboard(otherReal, 4, 2);
    const result = measureSpectralArtefacts(checkered, real);
    const swd = slicedWassersteinDistance(real, checkered, { seed: 1 }).average;
    // Measured: 7.6; SWD 39.0.
    expect(result.score).toBeGreaterThan(spectralArtefactLimit);
    expect(Math.abs(swd - swdRealToReal)).toBeLessThan(0.1 * swdRealToReal);
  });

  it('finds blurred images short of fine detail, more so the blurrier', () => {
    const once = measureSpectralArtefacts(blurred(otherReal), real);
    const twice = measureSpectralArtefacts(blurred(blurred(otherReal)), real);
    // Measured: 13.4 and 20.6, nearly all radial.
    expect(once.score).toBeGreaterThan(spectralArtefactLimit);
    expect(once.radial).toBeGreaterThan(5 * once.harmonic);
    expect(twice.score).toBeGreaterThan(once.score);
    expect(spectralArtefactWarning(once)).toMatch(/blur/);
  });

  it('scores the flat grey an untrained generator draws far off', () => {
    const flat = { ...otherReal, pixels: otherReal.pixels.map(() => 128) };
    expect(measureSpectralArtefacts(flat, real).score).toBeGreaterThan(2 * spectralArtefactLimit);
  });

  it('works on images whose side is not a power of two', async () => {
    const test = await readFashionMnist('t10k');
    const raw = fashionBatch(test, range(0, 256));
    expect(measureSpectralArtefacts(fashionBatch(test, range(5000, 256)), raw).score).toBeLessThan(2);
    expect(measureSpectralArtefacts(withCheckerboard(fashionBatch(test, range(5000, 256)), 2, 1), raw).score).toBeGreaterThan(spectralArtefactLimit);
  });
});
