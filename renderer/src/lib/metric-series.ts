/**
 * Metric points as the Train view keeps and draws them. A long run records a
 * point per step for each metric (50,000 steps × several metrics), so the
 * points arrive in increments and are appended, never copied; a chart gets at
 * most a few thousand points, averaged into step buckets that every line of
 * the chart shares (uPlot wants one x array per chart).
 */

export interface SeriesPoints {
  readonly steps: number[];
  readonly values: number[];
}

/**
 * Adds newly fetched points to a series. Points normally come after the
 * last one and are pushed in place; a point at a step already held (a run
 * resumed from an earlier checkpoint records those steps again) replaces it.
 */
export function appendPoints(target: SeriesPoints, steps: readonly number[], values: readonly number[]): void {
  const last = target.steps.at(-1) ?? -Infinity;
  if (steps.length === 0) return;
  if (steps[0]! > last) {
    for (let index = 0; index < steps.length; index++) {
      target.steps.push(steps[index]!);
      target.values.push(values[index]!);
    }
    return;
  }
  const merged = new Map<number, number>();
  target.steps.forEach((step, index) => merged.set(step, target.values[index]!));
  steps.forEach((step, index) => merged.set(step, values[index]!));
  const ordered = [...merged].sort(([a], [b]) => a - b);
  target.steps.length = 0;
  target.values.length = 0;
  for (const [step, value] of ordered) {
    target.steps.push(step);
    target.values.push(value);
  }
}

/** x (steps) and one y array per series, null where a series has no point: uPlot's aligned data. */
export interface ChartData {
  readonly x: number[];
  readonly ys: (number | null)[][];
}

/**
 * Lines up several series on shared x values for one chart. With at most
 * `maxPoints` distinct steps, every point is kept as it is; beyond that the
 * step range is cut into `maxPoints` equal buckets and each series shows the
 * mean of its points in each bucket, at the bucket's middle step. Averaging
 * (rather than picking every n-th point) keeps the trend of a noisy GAN loss
 * honest at any zoom-out.
 */
export function alignSeries(series: readonly (SeriesPoints | undefined)[], maxPoints: number): ChartData {
  let first = Infinity;
  let last = -Infinity;
  for (const one of series) {
    if (!one || one.steps.length === 0) continue;
    first = Math.min(first, one.steps[0]!);
    last = Math.max(last, one.steps.at(-1)!);
  }
  if (first > last) return { x: [], ys: series.map(() => []) };
  const exact = distinctSteps(series, maxPoints);
  return exact ? alignExactly(series, exact) : alignInBuckets(series, first, last, Math.max(1, Math.floor(maxPoints)));
}

/** The sorted union of the series' steps, or null once it would pass `limit`. */
function distinctSteps(series: readonly (SeriesPoints | undefined)[], limit: number): number[] | null {
  const steps = new Set<number>();
  for (const one of series) {
    if (!one) continue;
    if (one.steps.length > limit) return null;
    for (const step of one.steps) {
      steps.add(step);
      if (steps.size > limit) return null;
    }
  }
  return [...steps].sort((a, b) => a - b);
}

function alignExactly(series: readonly (SeriesPoints | undefined)[], x: number[]): ChartData {
  const column = new Map(x.map((step, index) => [step, index]));
  const ys = series.map((one) => {
    const y: (number | null)[] = new Array<number | null>(x.length).fill(null);
    one?.steps.forEach((step, index) => (y[column.get(step)!] = one.values[index]!));
    return y;
  });
  return { x, ys };
}

function alignInBuckets(series: readonly (SeriesPoints | undefined)[], first: number, last: number, buckets: number): ChartData {
  const width = (last - first + 1) / buckets;
  const bucketOf = (step: number) => Math.min(buckets - 1, Math.floor((step - first) / width));
  const sums = series.map(() => new Float64Array(buckets));
  const counts = series.map(() => new Uint32Array(buckets));
  series.forEach((one, line) => {
    if (!one) return;
    const sum = sums[line]!;
    const count = counts[line]!;
    for (let index = 0; index < one.steps.length; index++) {
      const bucket = bucketOf(one.steps[index]!);
      sum[bucket]! += one.values[index]!;
      count[bucket]! += 1;
    }
  });
  // Only buckets where some series has a point become x values: no empty columns.
  const used: number[] = [];
  for (let bucket = 0; bucket < buckets; bucket++) if (counts.some((count) => count[bucket]! > 0)) used.push(bucket);
  const x = used.map((bucket) => Math.round(first + (bucket + 0.5) * width - 0.5));
  const ys = series.map((_, line) => used.map((bucket) => (counts[line]![bucket]! > 0 ? sums[line]![bucket]! / counts[line]![bucket]! : null)));
  return { x, ys };
}
