import { describe, expect, it } from 'vitest';
import type { PlanarImages } from '../../../../../main/engine/metrics/image-batch';
import { NearestImageSearch } from '../../../../../main/engine/metrics/nearest-image-search';
import { SeededRandom } from '../../../../../main/engine/random';

/** Blobby grey images: a few random bright discs, so that neighbours are near but not trivially so. */
function blobs(count: number, side: number, seed: number): PlanarImages {
  const random = new SeededRandom(seed);
  const data = new Float32Array(count * side * side);
  for (let image = 0; image < count; image++) {
    for (let disc = 0; disc < 3; disc++) {
      const [centreRow, centreColumn, radius] = [random.uniform() * side, random.uniform() * side, 2 + random.uniform() * side * 0.3];
      for (let row = 0; row < side; row++) {
        for (let column = 0; column < side; column++) {
          if ((row - centreRow) ** 2 + (column - centreColumn) ** 2 < radius ** 2) data[(image * side + row) * side + column] = 0.3 + 0.7 * random.uniform();
        }
      }
    }
  }
  return { data, count, channels: 1, height: side, width: side };
}

function bruteForce(queries: PlanarImages, reference: PlanarImages): { index: number; squared: number }[] {
  const pixels = queries.height * queries.width;
  return Array.from({ length: queries.count }, (_, query) => {
    let best = { index: -1, squared: Infinity };
    for (let candidate = 0; candidate < reference.count; candidate++) {
      let squared = 0;
      for (let pixel = 0; pixel < pixels; pixel++) squared += (queries.data[query * pixels + pixel]! - reference.data[candidate * pixels + pixel]!) ** 2;
      if (squared < best.squared) best = { index: candidate, squared };
    }
    return best;
  });
}

describe('nearest-image search', () => {
  it('finds exactly what comparing every pair finds', () => {
    const reference = blobs(500, 32, 1);
    const queries = blobs(40, 32, 2);
    const found = new NearestImageSearch(reference).find(queries);
    bruteForce(queries, reference).forEach(({ index, squared }, query) => {
      expect(found.squaredDistances[query]).toBeCloseTo(squared, 3);
      expect(found.indices[query]).toBe(index);
    });
  });

  it('finds a reference image among the queries at distance 0', () => {
    const reference = blobs(200, 16, 3);
    const queries = blobs(5, 16, 4);
    queries.data.set(reference.data.subarray(77 * 256, 78 * 256), 2 * 256);
    const found = new NearestImageSearch(reference).find(queries);
    expect(found.indices[2]).toBe(77);
    expect(found.squaredDistances[2]).toBe(0);
  });

  it('takes only grey images with sides divisible by 16, and queries of the same size', () => {
    expect(() => new NearestImageSearch({ ...blobs(2, 16, 1), channels: 3, data: new Float32Array(2 * 3 * 256) })).toThrow(/grey/);
    expect(() => new NearestImageSearch(blobs(2, 24, 1))).toThrow(/divisible by 16/);
    expect(() => new NearestImageSearch(blobs(2, 16, 1)).find(blobs(2, 32, 1))).toThrow(/cannot be compared/);
  });
});
