/**
 * Reads ImageDescription (tag 0x010E) from the EXIF block sharp returns
 * ("Exif\0\0" and a TIFF structure): the fallback carrier of the provenance.
 * Only IFD0 is read; that is where the tag lives.
 */
const imageDescriptionTag = 0x010e;
const asciiType = 2;

export function exifImageDescription(exif: Buffer): string | null {
  const tiff = exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
  if (tiff.length < 8) return null;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return null;
  const little = order === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  try {
    const ifd = u32(4);
    const entries = u16(ifd);
    for (let index = 0; index < entries; index++) {
      const entry = ifd + 2 + index * 12;
      if (u16(entry) !== imageDescriptionTag || u16(entry + 2) !== asciiType) continue;
      const count = u32(entry + 4);
      const start = count <= 4 ? entry + 8 : u32(entry + 8);
      if (start + count > tiff.length) return null;
      return tiff.toString('latin1', start, start + count).replace(/\0+$/, '');
    }
  } catch {
    // A truncated block: no description to read.
  }
  return null;
}
