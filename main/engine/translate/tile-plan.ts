/**
 * Where the tiles go when an image larger than a model's input is translated
 * piece by piece. Every tile is exactly the model's size, so the network sees
 * the same input shape it was trained on.
 *
 * Tiles start on a grid of `alignment` pixels. A network that halves its
 * input k times computes the same features for a shifted image only when the
 * shift is a multiple of 2^k: a tile placed off that grid would see its part
 * of the image through other sampling phases than the rest, and come out
 * subtly different — a seam no blend can hide. Along each axis the tiles
 * step by the largest multiple of the alignment that keeps neighbours sharing
 * at least `overlap` pixels; the last one starts at the first grid point that
 * lets it reach the end, and may hang past it by less than the alignment.
 *
 * An axis shorter than a tile gets one tile there, centred on the grid
 * (rounded), hanging over both sides. Wherever a tile hangs past the image
 * it sees the image reflected at the edge (see translateTiled), and what it
 * makes there is dropped.
 */

export interface Tile {
  /** Position in the plan, row-major: the order tiles are translated in. */
  readonly index: number;
  readonly column: number;
  readonly row: number;
  /** Top-left corner in image pixels; negative where a tile hangs over the top or left. */
  readonly x: number;
  readonly y: number;
}

export interface TilePlan {
  readonly width: number;
  readonly height: number;
  readonly tileSize: number;
  /** Left edges of the tile columns, ascending; every tile in a column shares it. */
  readonly columns: readonly number[];
  /** Top edges of the tile rows, ascending. */
  readonly rows: readonly number[];
  readonly tiles: readonly Tile[];
}

export function planTiles(width: number, height: number, tileSize: number, overlap: number, alignment = 1): TilePlan {
  for (const [name, size] of Object.entries({ width, height, tileSize, alignment })) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`${name} must be a whole number of at least 1, not ${size}`);
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= tileSize) {
    throw new RangeError(`overlap must be a whole number from 0 to ${tileSize - 1} (less than the tile size), not ${overlap}`);
  }
  if (alignment > tileSize) throw new RangeError(`alignment ${alignment} is larger than the tile size ${tileSize}`);
  const columns = tileStarts(width, tileSize, overlap, alignment);
  const rows = tileStarts(height, tileSize, overlap, alignment);
  const tiles: Tile[] = [];
  rows.forEach((y, row) => columns.forEach((x, column) => tiles.push({ index: tiles.length, column, row, x, y })));
  return { width, height, tileSize, columns, rows, tiles };
}

function tileStarts(length: number, tileSize: number, overlap: number, alignment: number): number[] {
  if (length <= tileSize) return [-Math.round((tileSize - length) / 2 / alignment) * alignment];
  const step = Math.max(alignment, Math.floor((tileSize - overlap) / alignment) * alignment);
  const last = Math.ceil((length - tileSize) / alignment) * alignment;
  const starts: number[] = [];
  for (let start = 0; start < last; start += step) starts.push(start);
  starts.push(last);
  return starts;
}
