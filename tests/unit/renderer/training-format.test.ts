import { describe, expect, it } from 'vitest';
import type { PresetEstimate } from '../../../preload/contract';
import {
  formatEstimate,
  formatEta,
  formatMetric,
  formatRate,
  formatSteps,
  fractionDone,
  isActive,
  randomSeed,
  runSource,
  scaledEstimate,
} from '../../../renderer/src/lib/training-format';

describe('training figures', () => {
  it('writes steps and rates as a person reads them', () => {
    expect(formatSteps(1200, 50_000)).toBe('1,200 / 50,000');
    expect(formatRate(118.4)).toBe('118 images/s');
    expect(formatRate(4.24)).toBe('4.2 images/s');
    expect(formatRate(1234.5)).toBe('1,235 images/s');
  });

  it('says how long is left, and "finishing" at the very end', () => {
    expect(formatEta(125)).toBe('2 min 5 s left');
    expect(formatEta(3.4)).toBe('3 s left');
    expect(formatEta(0.2)).toBe('finishing');
    expect(formatEstimate(36_000)).toBe('about 10 h 0 min');
    expect(formatEstimate(614)).toBe('about 10 min');
    expect(formatEstimate(53_640)).toBe('about 14 h 54 min');
    expect(formatEstimate(29.6)).toBe('about 30 s');
    expect(formatEstimate(0.4)).toBe('under a second');
  });

  it('shows metrics with three significant digits at most', () => {
    expect(formatMetric(1093.5578)).toBe('1,094');
    expect(formatMetric(0.123456)).toBe('0.123');
    expect(formatMetric(1.2476)).toBe('1.25');
    expect(formatMetric(-0.5)).toBe('-0.5');
    expect(formatMetric(0)).toBe('0');
    expect(formatMetric(0.0000125)).toBe('1.25e-5');
    expect(formatMetric(2_500_000)).toBe('2.50e+6');
    expect(formatMetric(Number.NaN)).toBe('NaN');
  });

  it('scales a preset estimate to other steps, batch sizes and widths', () => {
    const estimate: PresetEstimate = { preset: 'quick', steps: 1000, batchSize: 32, width: 32, secondsPerStep: 0.8, totalSeconds: 800 };
    expect(scaledEstimate(estimate, 1000, 32)).toBeCloseTo(800);
    expect(scaledEstimate(estimate, 12, 8)).toBeCloseTo(2.4);
    // Half the width, a quarter of the work.
    expect(scaledEstimate(estimate, 1000, 32, 16)).toBeCloseTo(200);
  });

  it('knows which runs are active and how far they are', () => {
    expect(isActive('running')).toBe(true);
    expect(isActive('queued')).toBe(true);
    expect(isActive('paused')).toBe(false);
    expect(fractionDone(25, 100)).toBe(0.25);
    expect(fractionDone(5, 0)).toBe(0);
    expect(fractionDone(120, 100)).toBe(1);
  });

  it('draws seeds a person can type', () => {
    expect(randomSeed(() => 0)).toBe(0);
    expect(randomSeed(() => 0.999_999_9)).toBe(999_999);
  });

  it('says what a run learned from: its dataset, an imported model, or a dataset since deleted', () => {
    expect(runSource({ dataset: 'Fashion', imported: false })).toBe('Fashion');
    expect(runSource({ dataset: null, imported: true })).toBe('imported model');
    expect(runSource({ dataset: null, imported: false })).toBe('dataset deleted');
  });
});
