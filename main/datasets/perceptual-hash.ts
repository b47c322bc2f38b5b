/**
 * A difference hash (dHash): the picture shrunk to 9×8 grey cells, one bit
 * per pair of horizontal neighbours saying whether brightness falls from left
 * to right. It survives resizing, recompression and small colour shifts, so
 * near-identical images hash within a few bits of each other.
 */
import sharp, { type Sharp } from 'sharp';

const columns = 9;
const rows = 8;

/**
 * Re-saving or resizing a copy flips a handful of bits, where neighbouring
 * cells were almost equally bright; unrelated pictures differ in about half of
 * the 64. Six bits (under 10%) catches the copies with room to spare before
 * unrelated images start to match.
 */
export const nearDuplicateDistance = 6;

/** The hash as 16 hex digits, most significant bit first. */
export async function perceptualHash(image: Sharp): Promise<string> {
  const cells = await image
    .clone()
    // Transparent regions hash as the white they are shown on, not as whatever colour hides under alpha 0.
    .flatten({ background: '#ffffff' })
    .greyscale()
    // Mitchell rather than sharp's default Lanczos: Lanczos rings at edges, and a re-saved copy then flips twice as many bits.
    .resize(columns, rows, { fit: 'fill', kernel: 'mitchell' })
    .raw()
    .toBuffer();
  let bits = 0n;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns - 1; column++) {
      const left = cells[row * columns + column]!;
      const right = cells[row * columns + column + 1]!;
      bits = (bits << 1n) | (left > right ? 1n : 0n);
    }
  }
  return bits.toString(16).padStart(16, '0');
}

/** For encoded image bytes; applies the EXIF rotation so a sideways copy of a photo still matches it. */
export function perceptualHashOfBytes(bytes: Buffer): Promise<string> {
  return perceptualHash(sharp(bytes).rotate());
}

export function hammingDistance(a: string, b: string): number {
  const hash = /^[0-9a-f]{16}$/;
  if (!hash.test(a) || !hash.test(b)) throw new RangeError(`perceptual hashes are 16 lowercase hex digits, got "${a}" and "${b}"`);
  let differing = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  for (; differing > 0n; differing &= differing - 1n) count++;
  return count;
}
