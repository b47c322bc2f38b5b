import { describe, expect, it } from 'vitest';
import { alignSeries, appendPoints, type SeriesPoints } from '../../../renderer/src/lib/metric-series';

const series = (steps: number[], values: number[] = steps.map((step) => step * 10)): SeriesPoints => ({ steps, values });

describe('appendPoints', () => {
  it('pushes newer points onto the arrays it was given', () => {
    const target = series([1, 2], [10, 20]);
    const { steps, values } = target;
    appendPoints(target, [3, 4], [30, 40]);
    expect(target).toEqual(series([1, 2, 3, 4], [10, 20, 30, 40]));
    expect(target.steps).toBe(steps);
    expect(target.values).toBe(values);
  });

  it('ignores an empty increment', () => {
    const target = series([1]);
    appendPoints(target, [], []);
    expect(target).toEqual(series([1]));
  });

  it('lets points recorded again (a resume from an earlier checkpoint) replace the old ones, in step order', () => {
    const target = series([1, 2, 3, 4], [10, 20, 30, 40]);
    appendPoints(target, [3, 4, 5], [31, 41, 51]);
    expect(target).toEqual(series([1, 2, 3, 4, 5], [10, 20, 31, 41, 51]));
  });
});

describe('alignSeries', () => {
  it('keeps every point when there are few, with null where a series has none', () => {
    const chart = alignSeries([series([1, 2, 3]), series([2, 4], [0.5, 0.25])], 10);
    expect(chart.x).toEqual([1, 2, 3, 4]);
    expect(chart.ys).toEqual([
      [10, 20, 30, null],
      [null, 0.5, null, 0.25],
    ]);
  });

  it('gives empty arrays for series with no points yet', () => {
    expect(alignSeries([undefined, series([])], 10)).toEqual({ x: [], ys: [[], []] });
  });

  it('averages a long run into at most maxPoints buckets shared by every series', () => {
    const steps = Array.from({ length: 50_000 }, (_, index) => index + 1);
    const chart = alignSeries([series(steps, steps.map(() => 1)), series(steps, steps.map((step) => step))], 500);
    expect(chart.x).toHaveLength(500);
    expect(chart.ys[0]).toHaveLength(500);
    expect(chart.ys[0]!.every((value) => value === 1)).toBe(true);
    // Each bucket holds 100 steps: the mean of 1..100 is 50.5, at the bucket's middle step (50.5, rounded).
    expect(chart.ys[1]![0]).toBeCloseTo(50.5);
    expect(chart.x[0]).toBe(51);
    expect(chart.ys[1]![499]).toBeCloseTo(49_950.5);
    expect(chart.x.at(-1)).toBe(49_951);
  });

  it('keeps a sparse series in the buckets where it has points, and no empty columns', () => {
    const dense = Array.from({ length: 1000 }, (_, index) => index + 1);
    const chart = alignSeries([series(dense), series([250, 500, 750, 1000], [4, 3, 2, 1])], 100);
    expect(chart.x).toHaveLength(100);
    expect(chart.ys[1]!.filter((value) => value !== null)).toEqual([4, 3, 2, 1]);
  });

  it('leaves out buckets no series has a point in', () => {
    const chart = alignSeries([series([1, 2, 3, 1000, 1001, 1002])], 4);
    expect(chart.x).toHaveLength(2);
    expect(chart.ys[0]).toEqual([20, 10010]);
  });
});
