/**
 * Recognises image formats by their first bytes, for the files sharp refuses:
 * "unsupported image format" from sharp means no decoder claimed the bytes,
 * which is a different thing to tell a person about a BMP than about a
 * spreadsheet. Only formats sharp's bundled libvips cannot read are listed.
 */
interface UnreadableFormat {
  readonly name: string;
  readonly matches: (head: Buffer) => boolean;
}

const ascii = (head: Buffer, start: number, end: number) => head.toString('latin1', start, end);

/** BMP's 'BM' alone is common in text; the DIB header size pins it down. */
const bmpInfoHeaderSizes = new Set([12, 40, 52, 56, 64, 108, 124]);
const heicBrands = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const avifBrands = new Set(['avif', 'avis']);

const unreadableFormats: readonly UnreadableFormat[] = [
  { name: 'BMP', matches: (head) => ascii(head, 0, 2) === 'BM' && head.length >= 18 && bmpInfoHeaderSizes.has(head.readUInt32LE(14)) },
  { name: 'HEIC', matches: isHeic },
  { name: 'JPEG XL', matches: (head) => (head[0] === 0xff && head[1] === 0x0a) || ascii(head, 4, 8) === 'JXL ' },
  { name: 'JPEG 2000', matches: (head) => ascii(head, 4, 8) === 'jP  ' || head.subarray(0, 4).equals(Buffer.from([0xff, 0x4f, 0xff, 0x51])) },
  { name: 'Photoshop (PSD)', matches: (head) => ascii(head, 0, 4) === '8BPS' },
  { name: 'icon (ICO)', matches: (head) => head.length >= 6 && head.readUInt32BE(0) === 0x00000100 && head.readUInt16LE(4) > 0 },
  { name: 'OpenEXR', matches: (head) => head.length >= 4 && head.readUInt32BE(0) === 0x762f3101 },
  { name: 'Netpbm (PPM/PGM/PBM)', matches: (head) => /^P[1-6]\s/.test(ascii(head, 0, 3)) },
];

/** The name of an image format the studio cannot decode, or null. */
export function unreadableImageFormat(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 64);
  return unreadableFormats.find((format) => format.matches(head))?.name ?? null;
}

/** An ISO-BMFF file whose brands say HEVC-coded HEIF and nothing says AVIF. */
function isHeic(head: Buffer): boolean {
  if (head.length < 16 || ascii(head, 4, 8) !== 'ftyp') return false;
  const boxEnd = Math.min(head.readUInt32BE(0), head.length);
  const brands = [ascii(head, 8, 12)];
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(ascii(head, offset, offset + 4));
  return brands.some((brand) => heicBrands.has(brand)) && !brands.some((brand) => avifBrands.has(brand));
}
