/**
 * The seed map's geometry: an endless plane with a seed at every integer
 * point, seen through a square window of (2·radius + 1) tiles centred on a
 * fractional point. Tiles sit at integer points, so panning slides them and
 * only the ones coming into view need rendering; the point under the
 * crosshair blends its four nearest seeds (in the main process).
 */

export interface MapPoint {
  readonly x: number;
  readonly y: number;
}

export interface MapTile {
  readonly i: number;
  readonly j: number;
  /** From the window's top-left corner, in tiles. */
  readonly left: number;
  readonly top: number;
}

/** Two tiles either side of the centre: a 5 × 5 window. */
export const mapRadius = 2;

/** The API takes coordinates within a million of the origin; the window's edge tiles must fit too. */
export const mapLimit = 1_000_000 - mapRadius - 1;

/** Every tile that shows, wholly or partly, in the window around `centre`. */
export function visibleTiles(centre: MapPoint, radius = mapRadius): MapTile[] {
  const columns = span(centre.x, radius);
  const rows = span(centre.y, radius);
  return rows.flatMap((j) => columns.map((i) => ({ i, j, left: i - centre.x + radius, top: j - centre.y + radius })));
}

/** Integer points whose tile [n − ½, n + ½] overlaps the window [c − r − ½, c + r + ½]. */
function span(centre: number, radius: number): number[] {
  const first = Math.floor(centre - radius - 1) + 1;
  const last = Math.ceil(centre + radius + 1) - 1;
  return Array.from({ length: last - first + 1 }, (_, offset) => first + offset);
}

/** The centre after dragging the plane by (dx, dy) pixels: the plane follows the pointer, so the centre moves against it. */
export function panBy(start: MapPoint, dx: number, dy: number, tilePixels: number): MapPoint {
  return clampPoint({ x: start.x - dx / tilePixels, y: start.y - dy / tilePixels });
}

const nudges: Readonly<Record<string, readonly [number, number]>> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/** A quarter tile per arrow key, a whole one with Shift; null for other keys. */
export function nudge(centre: MapPoint, key: string, whole: boolean): MapPoint | null {
  const direction = nudges[key];
  if (!direction) return null;
  const step = whole ? 1 : 0.25;
  return clampPoint({ x: centre.x + direction[0] * step, y: centre.y + direction[1] * step });
}

export function nearestPoint(centre: MapPoint): { readonly i: number; readonly j: number } {
  return { i: Math.round(centre.x), j: Math.round(centre.y) };
}

export function clampPoint(point: MapPoint): MapPoint {
  const clamp = (value: number) => Math.min(mapLimit, Math.max(-mapLimit, value));
  return { x: clamp(point.x), y: clamp(point.y) };
}

/** "(1.25, −3.00)". */
export function formatPoint(point: MapPoint): string {
  const show = (value: number) => {
    const text = value.toFixed(2);
    return text === '-0.00' ? '0.00' : text.replace('-', '−');
  };
  return `(${show(point.x)}, ${show(point.y)})`;
}
