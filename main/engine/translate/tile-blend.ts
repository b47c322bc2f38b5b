/**
 * Blends translated tiles back into one image without visible seams. A network
 * is least reliable at its input's borders (zero padding, missing context), so
 * each tile's weight falls towards the edges it shares with a neighbour and the
 * neighbour's rises in step: across an overlap of V pixels the outgoing tile
 * weighs cos²(π/2 · (s + ½) / V) and the incoming one sin²(…) of the same
 * argument. The two always add up to 1, and the raised-cosine shape has no kink,
 * so a difference between two tiles' outputs turns into a gentle ramp spread
 * over the whole overlap instead of a step.
 *
 * Only edges with a neighbour fall off. An edge on the image's border keeps
 * full weight: nothing else covers those pixels, so a falling weight there
 * would only be divided back out (or, near zero, blow rounding error up).
 *
 * The 2-D weight is the product of a column window and a row window. Because
 * each axis's windows add up to (about) 1 at every pixel, so do their products;
 * the per-pixel sum is still divided out, for overlaps wide enough that three
 * tiles meet, and it too is a product, of one sum per column and one per row,
 * so no weight plane is needed.
 */
import type { ImageBatch } from '../metrics/image-batch';
import type { Tile, TilePlan } from './tile-plan';

export class TileBlender {
  readonly #plan: TilePlan;
  readonly #channels: number;
  readonly #columnWindows: Float32Array[];
  readonly #rowWindows: Float32Array[];
  /** Weighted sums of the tiles' outputs, NHWC like the result: float32 is exact enough for a weighted mean of bytes. */
  readonly #sums: Float32Array;

  constructor(plan: TilePlan, channels: number) {
    this.#plan = plan;
    this.#channels = channels;
    this.#columnWindows = axisWindows(plan.columns, plan.tileSize);
    this.#rowWindows = axisWindows(plan.rows, plan.tileSize);
    this.#sums = new Float32Array(plan.width * plan.height * channels);
  }

  /** Adds one translated tile, tileSize × tileSize × channels bytes starting at `offset` (one image of a batch). */
  add(tile: Tile, pixels: Uint8Array, offset: number): void {
    const { width, height, tileSize } = this.#plan;
    const channels = this.#channels;
    const columnWindow = this.#columnWindows[tile.column]!;
    const rowWindow = this.#rowWindows[tile.row]!;
    // Tiles only stick out of the image when it is smaller than a tile; their padding is dropped here.
    const left = Math.max(0, -tile.x);
    const right = Math.min(tileSize, width - tile.x);
    for (let ty = Math.max(0, -tile.y); ty < Math.min(tileSize, height - tile.y); ty++) {
      const rowWeight = rowWindow[ty]!;
      const source = offset + ty * tileSize * channels;
      const target = ((tile.y + ty) * width + tile.x) * channels;
      for (let tx = left; tx < right; tx++) {
        const weight = rowWeight * columnWindow[tx]!;
        for (let channel = 0; channel < channels; channel++) {
          this.#sums[target + tx * channels + channel]! += weight * pixels[source + tx * channels + channel]!;
        }
      }
    }
  }

  /** The weighted mean at every pixel, rounded to bytes. Call once every tile has been added. */
  result(): ImageBatch {
    const { width, height, columns, rows, tileSize } = this.#plan;
    const channels = this.#channels;
    const columnTotals = coverage(columns, this.#columnWindows, tileSize, width);
    const rowTotals = coverage(rows, this.#rowWindows, tileSize, height);
    const pixels = new Uint8Array(this.#sums.length);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // Each tile's weights are positive everywhere and every pixel is covered, so the total is never zero.
        const total = rowTotals[y]! * columnTotals[x]!;
        const base = (y * width + x) * channels;
        // A mean of bytes with positive weights stays within 0..255, so rounding needs no clamp.
        for (let channel = 0; channel < channels; channel++) pixels[base + channel] = Math.round(this.#sums[base + channel]! / total);
      }
    }
    return { pixels, count: 1, height, width, channels };
  }
}

/**
 * One window per tile along an axis. The ramps span exactly the pixels shared
 * with each neighbour (their overlaps differ by a pixel where starts were
 * rounded); sampling at pixel centres (s + ½) keeps every weight above zero.
 */
function axisWindows(starts: readonly number[], tileSize: number): Float32Array[] {
  return starts.map((start, index) => {
    const window = new Float32Array(tileSize).fill(1);
    const previous = starts[index - 1];
    if (previous !== undefined) {
      const shared = previous + tileSize - start;
      for (let t = 0; t < shared; t++) window[t]! *= Math.sin((Math.PI / 2) * ((t + 0.5) / shared)) ** 2;
    }
    const next = starts[index + 1];
    if (next !== undefined) {
      const shared = start + tileSize - next;
      for (let s = 0; s < shared; s++) window[next - start + s]! *= Math.cos((Math.PI / 2) * ((s + 0.5) / shared)) ** 2;
    }
    return window;
  });
}

/** The sum of the windows covering each pixel of the axis. */
function coverage(starts: readonly number[], windows: readonly Float32Array[], tileSize: number, length: number): Float32Array {
  const totals = new Float32Array(length);
  starts.forEach((start, index) => {
    for (let t = Math.max(0, -start); t < Math.min(tileSize, length - start); t++) totals[start + t]! += windows[index]![t]!;
  });
  return totals;
}
