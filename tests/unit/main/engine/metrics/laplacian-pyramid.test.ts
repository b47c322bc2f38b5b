import { describe, expect, it } from 'vitest';
import type { PlanarImages } from '../../../../../main/engine/metrics/image-batch';
import { downsample, gaussianPyramid, laplacianPyramid, pyramidLevelCount, upsample } from '../../../../../main/engine/metrics/laplacian-pyramid';
import { SeededRandom } from '../../../../../main/engine/random';

function images(count: number, channels: number, height: number, width: number, pixel: (index: number) => number): PlanarImages {
  return { data: Float32Array.from({ length: count * channels * height * width }, (_, index) => pixel(index)), count, channels, height, width };
}

function randomImages(count: number, channels: number, height: number, width: number, seed = 1): PlanarImages {
  const random = new SeededRandom(seed);
  return images(count, channels, height, width, () => random.uniform());
}

describe('Laplacian pyramid', () => {
  it('has ProGAN’s levels: full resolution, halving down to 16', () => {
    expect(pyramidLevelCount(64, 64)).toBe(3);
    expect(pyramidLevelCount(32, 32)).toBe(2);
    expect(pyramidLevelCount(128, 64)).toBe(3);
    expect(pyramidLevelCount(16, 16)).toBe(1);
    expect(pyramidLevelCount(8, 8)).toBe(1);
    expect(pyramidLevelCount(64, 64, 8)).toBe(4);
    expect(pyramidLevelCount(4, 4, 1)).toBe(3);
  });

  it('halves each level, keeping count and channels', () => {
    const levels = laplacianPyramid(randomImages(2, 3, 64, 64), 3);
    expect(levels.map(({ count, channels, height, width }) => [count, channels, height, width])).toEqual([
      [2, 3, 64, 64],
      [2, 3, 32, 32],
      [2, 3, 16, 16],
    ]);
    expect(levels.map(({ data }) => data.length)).toEqual([2 * 3 * 64 * 64, 2 * 3 * 32 * 32, 2 * 3 * 16 * 16]);
  });

  it('rounds odd sides up and brings them back to size', () => {
    const levels = laplacianPyramid(randomImages(1, 1, 21, 34), 3);
    expect(levels.map(({ height, width }) => [height, width])).toEqual([
      [21, 34],
      [11, 17],
      [6, 9],
    ]);
    expect(() => upsample(levels[1]!, 24, 34)).toThrow(RangeError);
  });

  it('leaves no detail in a constant image: every band-pass level is zero, the residual keeps the value', () => {
    const grey = images(2, 3, 64, 64, () => 0.4);
    const levels = laplacianPyramid(grey, 3);
    for (const level of levels.slice(0, -1)) expect(Math.max(...level.data.map(Math.abs))).toBeLessThan(1e-6);
    for (const value of levels.at(-1)!.data) expect(value).toBeCloseTo(0.4, 6);
  });

  it('collapses back to the image: each Gaussian level is its band plus the next level brought up', () => {
    const image = randomImages(2, 1, 32, 32);
    const gaussian = gaussianPyramid(image, 3);
    const laplacian = laplacianPyramid(image, 3);
    for (let level = 0; level < 2; level++) {
      const coarser = upsample(gaussian[level + 1]!, gaussian[level]!.height, gaussian[level]!.width);
      const rebuilt = laplacian[level]!.data.map((value, index) => value + coarser.data[index]!);
      rebuilt.forEach((value, index) => expect(value).toBeCloseTo(gaussian[level]!.data[index]!, 5));
    }
    expect(laplacian[2]!.data).toEqual(gaussian[2]!.data);
  });

  it('blurs with the 5-tap binomial filter and mirrors at the borders, like OpenCV’s pyrDown', () => {
    // One row: a single bright pixel at column 4 of 8. Output column o reads input 2o−2 … 2o+2 with weights [1 4 6 4 1]/16,
    // so the rows above and below (all zero) contribute nothing and the bright pixel spreads as 1/16, 6/16, 1/16 (× 6/16 down).
    const impulse = images(1, 1, 8, 8, (index) => (index === 4 * 8 + 4 ? 1 : 0));
    const down = downsample(impulse);
    const row = Array.from(down.data.subarray(2 * 4, 3 * 4));
    expect(row.map((value) => value * 256)).toEqual([0, 1 * 6, 6 * 6, 1 * 6].map((value) => expect.closeTo(value, 4)));
    // At the left border, "mirror" reads column 1 for −1 and column 2 for −2: an impulse at column 1 counts twice in output 0.
    const edge = downsample(images(1, 1, 8, 8, (index) => (index % 8 === 1 ? 1 : 0)));
    expect(edge.data[0]).toBeCloseTo(8 / 16, 6);
  });

  it('keeps a linear ramp linear away from the borders, as a normalised symmetric filter must', () => {
    const ramp = images(1, 1, 16, 16, (index) => (index % 16) / 16);
    const down = downsample(ramp);
    for (let column = 1; column < 7; column++) expect(down.data[3 * 8 + column]).toBeCloseTo((2 * column) / 16, 6);
    const up = upsample(down, 16, 16);
    // Upsampled column o reads downsampled columns (o−2)/2 … (o+2)/2, which are linear for 1 … 6.
    for (let column = 4; column <= 10; column++) expect(up.data[5 * 16 + column]).toBeCloseTo(column / 16, 6);
  });
});
