import { describe, expect, it } from 'vitest';
import { FloatSorter } from '../../../../../main/engine/metrics/sort-floats';
import { SeededRandom } from '../../../../../main/engine/random';

describe('FloatSorter', () => {
  it('sorts like Float32Array.prototype.sort, negatives, zeros, infinities and tiny values included', () => {
    const random = new SeededRandom(3);
    const values = new Float32Array(5000).map(() => random.normal() * 10 ** random.below(12) * 1e-6);
    values.set([0, -0, Infinity, -Infinity, 1e-40, -1e-40, 3.4e38, -3.4e38], 100);
    const expected = values.slice().sort();
    const sorter = new FloatSorter();
    expect(sorter.sort(values)).toBe(values);
    expect(Array.from(values)).toEqual(Array.from(expected));
  });

  it('sorts views in place and reuses its scratch space across sizes', () => {
    const random = new SeededRandom(4);
    const sorter = new FloatSorter();
    const whole = new Float32Array(3000).map(() => random.normal());
    const untouched = whole.slice(0, 1000);
    for (const size of [2000, 10, 1, 0]) {
      const view = whole.subarray(1000, 1000 + size);
      const expected = view.slice().sort();
      expect(Array.from(sorter.sort(view))).toEqual(Array.from(expected));
    }
    expect(whole.subarray(0, 1000)).toEqual(untouched);
  });
});
