/**
 * Where the tiles go when an image larger than a model's input is translated
 * piece by piece. Every tile is exactly the model's size, so the network sees
 * the same input shape it was trained on. Along each axis the tiles are spread
 * evenly between the two edges, the first flush with the start and the last
 * flush with the end: no tile hangs past the image (a network would only see
 * padding there), and even spacing keeps every overlap about the same width, so
 * no seam gets a narrower blend than the others.
 *
 * An image shorter than a tile along an axis gets one tile there, centred, so
 * the part outside the image is split between both sides; the pixels there are
 * the image reflected at its edges (see translateTiled). Centring keeps the real
 * pixels away from both tile borders, where networks with zero padding go wrong.
 */

export interface Tile {
  /** Position in the plan, row-major: the order tiles are translated in. */
  readonly index: number;
  readonly column: number;
  readonly row: number;
  /** Top-left corner in image pixels; negative only along an axis where the image is smaller than a tile. */
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

export function planTiles(width: number, height: number, tileSize: number, overlap: number): TilePlan {
  for (const [name, size] of Object.entries({ width, height, tileSize })) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`${name} must be a whole number of at least 1, not ${size}`);
  }
  if (!Number.isInteger(overlap) || overlap < 0 || overlap >= tileSize) {
    throw new RangeError(`overlap must be a whole number from 0 to ${tileSize - 1} (less than the tile size), not ${overlap}`);
  }
  const columns = tileStarts(width, tileSize, overlap);
  const rows = tileStarts(height, tileSize, overlap);
  const tiles: Tile[] = [];
  rows.forEach((y, row) => columns.forEach((x, column) => tiles.push({ index: tiles.length, column, row, x, y })));
  return { width, height, tileSize, columns, rows, tiles };
}

/**
 * The fewest tiles whose neighbours share at least `overlap` pixels: with n
 * tiles the spacing is (length − tileSize) / (n − 1), which must not exceed
 * tileSize − overlap. Rounding each start to a whole pixel moves the spacing by
 * less than one, and since tileSize − overlap is whole, the rounded spacing
 * stays within it too.
 */
function tileStarts(length: number, tileSize: number, overlap: number): number[] {
  if (length <= tileSize) return [-Math.floor((tileSize - length) / 2)];
  const gaps = Math.ceil((length - tileSize) / (tileSize - overlap));
  return Array.from({ length: gaps + 1 }, (_, index) => Math.round((index * (length - tileSize)) / gaps));
}
