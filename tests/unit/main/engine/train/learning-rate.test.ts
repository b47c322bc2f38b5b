import { describe, expect, it } from 'vitest';
import { learningRateAt } from '../../../../../main/engine/train/learning-rate';

describe('the linear decay schedule', () => {
  it('holds the rate for the first half, then falls linearly towards zero at the last step', () => {
    const rates = [0, 499, 500, 750, 999].map((step) => learningRateAt(2e-4, step, 1000, 0.5));
    expect(rates[0]).toBe(2e-4);
    expect(rates[1]).toBe(2e-4);
    expect(rates[2]).toBeCloseTo(2e-4, 12);
    expect(rates[3]).toBeCloseTo(1e-4, 12);
    expect(rates[4]).toBeCloseTo(2e-4 / 500, 12);
    expect(rates[4]).toBeGreaterThan(0);
  });

  it('never decays when the decay starts at the end, and decays from the start at 0', () => {
    expect(learningRateAt(1, 99, 100, 1)).toBe(1);
    expect(learningRateAt(1, 50, 100, 0)).toBeCloseTo(0.5, 12);
  });
});
