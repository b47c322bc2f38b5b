/**
 * PNG's row filters (PNG specification §9), which turn each row into
 * differences from its neighbours so deflate finds more repetition. Each row
 * gets the filter whose output has the smallest sum of magnitudes, bytes read
 * as signed: the heuristic the specification recommends, cheap and good on
 * smooth pictures such as generated ones.
 */

/** Writes row − prediction into `out`; a Uint8Array keeps the difference modulo 256, as PNG wants. */
type RowFilter = (row: Uint8Array, above: Uint8Array, bytesPerPixel: number, out: Uint8Array) => void;

/** The filter-type byte that starts each row. */
const noFilter = 0;

const differenceFilters: readonly (readonly [type: number, filter: RowFilter])[] = [
  [1, subtractLeft],
  [2, subtractUp],
  [3, subtractAverage],
  [4, subtractPaeth],
];

/**
 * 8-bit rows of `bytesPerPixel`-byte pixels → the bytes PNG compresses:
 * each row preceded by its filter type.
 */
export function filterRows(pixels: Uint8Array, width: number, height: number, bytesPerPixel: number): Uint8Array {
  const stride = width * bytesPerPixel;
  const filtered = new Uint8Array(height * (stride + 1));
  const rowAboveTheFirst = new Uint8Array(stride);
  let candidate = new Uint8Array(stride);
  let best = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const row = pixels.subarray(y * stride, (y + 1) * stride);
    const above = y === 0 ? rowAboveTheFirst : pixels.subarray((y - 1) * stride, y * stride);
    best.set(row);
    let bestType = noFilter;
    let bestCost = signedMagnitude(row);
    for (const [type, filter] of differenceFilters) {
      filter(row, above, bytesPerPixel, candidate);
      const cost = signedMagnitude(candidate);
      if (cost < bestCost) {
        [best, candidate] = [candidate, best];
        bestType = type;
        bestCost = cost;
      }
    }
    const start = y * (stride + 1);
    filtered[start] = bestType;
    filtered.set(best, start + 1);
  }
  return filtered;
}

function subtractLeft(row: Uint8Array, _above: Uint8Array, bytesPerPixel: number, out: Uint8Array): void {
  for (let index = 0; index < row.length; index++) out[index] = row[index]! - (index >= bytesPerPixel ? row[index - bytesPerPixel]! : 0);
}

function subtractUp(row: Uint8Array, above: Uint8Array, _bytesPerPixel: number, out: Uint8Array): void {
  for (let index = 0; index < row.length; index++) out[index] = row[index]! - above[index]!;
}

function subtractAverage(row: Uint8Array, above: Uint8Array, bytesPerPixel: number, out: Uint8Array): void {
  for (let index = 0; index < row.length; index++) {
    out[index] = row[index]! - (((index >= bytesPerPixel ? row[index - bytesPerPixel]! : 0) + above[index]!) >> 1);
  }
}

function subtractPaeth(row: Uint8Array, above: Uint8Array, bytesPerPixel: number, out: Uint8Array): void {
  for (let index = 0; index < row.length; index++) {
    const hasLeft = index >= bytesPerPixel;
    out[index] = row[index]! - paeth(hasLeft ? row[index - bytesPerPixel]! : 0, above[index]!, hasLeft ? above[index - bytesPerPixel]! : 0);
  }
}

/** The neighbour closest to left + up − upLeft, ties going left, then up. */
function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

function signedMagnitude(bytes: Uint8Array): number {
  let sum = 0;
  // Indexed: for…of over a typed array was several times slower here, and this runs five times a row.
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    sum += byte < 128 ? byte : 256 - byte;
  }
  return sum;
}
