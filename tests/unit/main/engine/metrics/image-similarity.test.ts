import { describe, expect, it } from 'vitest';
import type { ImageBatch } from '../../../../../main/engine/metrics/image-batch';
import { imageSimilarity } from '../../../../../main/engine/metrics/image-similarity';
import { SeededRandom } from '../../../../../main/engine/random';

const batch = (pixels: Uint8Array, count = 1, size = 32, channels = 3): ImageBatch => ({ count, height: size, width: size, channels, pixels });
const noise = (seed: number, length: number) => {
  const random = new SeededRandom(seed);
  return Uint8Array.from({ length }, () => random.below(256));
};

describe('image similarity', () => {
  it('scores identical images as identical', () => {
    const image = batch(noise(1, 32 * 32 * 3));
    expect(imageSimilarity(image, image)).toEqual({ l1: 0, psnr: 100, ssim: 1 });
  });

  it('gives the textbook PSNR for a uniform error, and L1 in units of the full range', () => {
    const a = batch(new Uint8Array(32 * 32 * 3).fill(100));
    const b = batch(new Uint8Array(32 * 32 * 3).fill(110));
    const { l1, psnr } = imageSimilarity(a, b);
    expect(l1).toBeCloseTo(10 / 255, 10);
    expect(psnr).toBeCloseTo(10 * Math.log10((255 * 255) / 100), 10);
  });

  it('ranks a lightly damaged copy above an unrelated image on every measure', () => {
    const original = noise(2, 2 * 32 * 32 * 3);
    const damaged = original.map((value, index) => (index % 7 === 0 ? Math.min(255, value + 40) : value));
    const near = imageSimilarity(batch(original, 2), batch(damaged, 2));
    const far = imageSimilarity(batch(original, 2), batch(noise(3, 2 * 32 * 32 * 3), 2));
    expect(near.l1).toBeLessThan(far.l1);
    expect(near.psnr).toBeGreaterThan(far.psnr);
    expect(near.ssim).toBeGreaterThan(far.ssim);
    expect(far.ssim).toBeLessThan(0.1);
  });

  it('refuses batches of different shapes', () => {
    expect(() => imageSimilarity(batch(new Uint8Array(32 * 32 * 3)), batch(new Uint8Array(32 * 32), 1, 32, 1))).toThrow(/cannot be compared/);
  });
});
