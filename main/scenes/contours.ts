/**
 * Skylines: jagged mountain ranges, rolling hills, snow lines and near banks,
 * each a left-to-right polyline in image fractions (y down).
 */
import type { SceneRandom } from './scene-random';
import type { Point } from './scene';

/** A little past both edges, so that no anti-aliased seam shows at the sides. */
const left = -0.03;
const right = 1.03;

function xs(count: number): number[] {
  return Array.from({ length: count }, (_, index) => left + ((right - left) * index) / (count - 1));
}

/**
 * One to three peaks, each a pair of straight flanks, roughened by midpoint
 * displacement: ranges that read as mountains even at 64 pixels.
 */
export function mountainContour(random: SceneRandom, horizon: number, peak: number): Point[] {
  const peaks = Array.from({ length: random.integer(1, 3) }, () => ({
    x: random.between(0.05, 0.95),
    height: peak * random.between(0.6, 1),
    slope: random.between(1.1, 2.4) * peak,
  }));
  const heights = displaced(random, 33, peak * 0.18).map((noise, index, all) => {
    const x = left + ((right - left) * index) / (all.length - 1);
    const ridge = Math.max(...peaks.map((p) => p.height - p.slope * Math.abs(x - p.x)));
    return Math.max(peak * 0.12, ridge + noise);
  });
  return xs(heights.length).map((x, index) => [x, horizon - heights[index]!]);
}

/** A sum of three slow waves: smooth, rounded hills. */
export function hillContour(random: SceneRandom, horizon: number, height: number): Point[] {
  const waves = Array.from({ length: 3 }, (_, index) => ({
    frequency: random.between(0.5, 1.4) * (index + 1),
    phase: random.between(0, Math.PI * 2),
    amplitude: height * random.between(0.15, 0.35) / (index + 1),
  }));
  return xs(49).map((x) => {
    const wave = waves.reduce((sum, w) => sum + w.amplitude * Math.sin(w.frequency * Math.PI * 2 * x + w.phase), 0);
    return [x, horizon - Math.max(height * 0.2, height * 0.65 + wave)];
  });
}

/** A ragged line across the range at about `y`: where the snow ends. */
export function snowLine(random: SceneRandom, y: number, depth: number): Point[] {
  return xs(41).map((x, index) => [x, y + (index % 2 === 0 ? 0 : depth * random.between(0.4, 1))]);
}

/**
 * Land rising from the bottom edge: a bank that climbs from one side (falling
 * below the edge at `reach`), or a gentle field across the whole width.
 */
export function bankContour(random: SceneRandom, side: 'left' | 'right', top: number, reach: number): Point[] {
  const wobble = random.between(0, Math.PI * 2);
  return xs(33).map((x) => {
    const fromSide = side === 'left' ? x : 1 - x;
    const t = Math.min(1.2, Math.max(0, fromSide / reach));
    return [x, top + (1.06 - top) * t * t + 0.008 * Math.sin(x * 17 + wobble)];
  });
}

export function fieldContour(random: SceneRandom, top: number): Point[] {
  const frequency = random.between(0.6, 1.3);
  const phase = random.between(0, Math.PI * 2);
  const amplitude = random.between(0.015, 0.04);
  return xs(33).map((x) => [x, top + amplitude * Math.sin(frequency * Math.PI * 2 * x + phase)]);
}

/** The height of a contour at `x`, by straight interpolation between its points. */
export function contourAt(contour: readonly Point[], x: number): number {
  const next = contour.findIndex(([px]) => px >= x);
  if (next <= 0) return contour[Math.max(0, next)]![1];
  const [x0, y0] = contour[next - 1]!;
  const [x1, y1] = contour[next]!;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** Midpoint displacement: `count` (2^k + 1) values, the amplitude halving at each level. */
function displaced(random: SceneRandom, count: number, amplitude: number): number[] {
  const values = new Array<number>(count).fill(0);
  for (let step = count - 1, scale = amplitude; step > 1; step /= 2, scale /= 2) {
    for (let start = 0; start + step < count; start += step) {
      const middle = start + step / 2;
      values[middle] = (values[start]! + values[start + step]!) / 2 + random.between(-scale, scale);
    }
  }
  return values;
}
