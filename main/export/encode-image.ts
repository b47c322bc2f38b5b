/**
 * One exported image: resized with lanczos3, converted to sRGB with an sRGB
 * ICC profile embedded, encoded, and carrying its provenance (XMP, and EXIF
 * where the format has it).
 */
import sharp, { type Sharp } from 'sharp';
import { StudioError, type ExportFormat, type ExportSize } from '../../preload/contract';
import { creatorTool, exifDescription, xmpPacket, type EmbeddedRecord, type XmpFacts } from './embedded-provenance';
import { encodeAs, formatInfo, jpegSegmentLimit } from './formats';
import { resizeFor } from './sizes';

export interface EncodeOptions {
  readonly format: ExportFormat;
  readonly quality?: number | undefined;
  readonly size?: ExportSize | undefined;
}

export interface EncodedImage {
  readonly bytes: Buffer;
  readonly width: number;
  readonly height: number;
}

/** `what` names the image in errors ("output 17"). */
export async function encodeImage(source: string | Buffer, options: EncodeOptions, record: EmbeddedRecord, facts: XmpFacts, what: string): Promise<EncodedImage> {
  const opaque = options.format === 'jpeg';
  let image = sharp(source).rotate();
  const resize = resizeFor(options.size, opaque);
  if (resize) image = image.resize(resize);
  if (opaque) image = image.flatten({ background: '#ffffff' });
  const tagged = withProvenance(image.toColourspace('srgb').withIccProfile('srgb'), options.format, record, facts, what);
  const { data, info } = await encodeAs(tagged, options.format, options.quality).toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height };
}

/** Adds the XMP packet and, where the format holds EXIF, the same JSON as ImageDescription. */
export function withProvenance(image: Sharp, format: ExportFormat, record: EmbeddedRecord, facts: XmpFacts, what: string): Sharp {
  const xmp = xmpPacket(record, facts);
  const description = exifDescription(record);
  if (format === 'jpeg' && Math.max(Buffer.byteLength(xmp), description.length) > jpegSegmentLimit) {
    throw new StudioError('INVALID_ARGUMENT', `${what}: its provenance (${Math.round(Buffer.byteLength(xmp) / 1024)} KiB) is more than JPEG's 64 KiB of metadata holds; export it as PNG, WebP, AVIF or TIFF`);
  }
  const tagged = image.withXmp(xmp);
  return formatInfo(format).metadata.includes('exif') ? tagged.withExif({ IFD0: { ImageDescription: description, Software: creatorTool } }) : tagged;
}
