/**
 * A walk over a PNG's chunk headers, without inflating anything. libpng says
 * only "read error" both for a file cut short and for damaged data, and
 * treats an APNG as a still image; the chunk layout tells these apart.
 */
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Length, type and CRC around each chunk's data. */
const chunkOverhead = 12;

export interface PngLayout {
  /** Chunk types in file order, up to where the file ends or IEND. */
  readonly chunkTypes: readonly string[];
  /** False when a chunk runs past the end of the file or IEND never comes. */
  readonly complete: boolean;
}

export function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, pngSignature.length).equals(pngSignature);
}

export function readPngLayout(bytes: Buffer): PngLayout {
  const chunkTypes: string[] = [];
  let offset = pngSignature.length;
  while (offset + chunkOverhead <= bytes.length) {
    const dataLength = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const end = offset + chunkOverhead + dataLength;
    if (end > bytes.length) break;
    chunkTypes.push(type);
    if (type === 'IEND') return { chunkTypes, complete: true };
    offset = end;
  }
  return { chunkTypes, complete: false };
}

/** An APNG announces its frames in an acTL chunk before the first IDAT. */
export function isAnimatedPng(bytes: Buffer): boolean {
  const { chunkTypes } = readPngLayout(bytes);
  const firstImageData = chunkTypes.indexOf('IDAT');
  return chunkTypes.slice(0, firstImageData === -1 ? undefined : firstImageData).includes('acTL');
}
