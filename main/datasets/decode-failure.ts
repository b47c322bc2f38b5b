/**
 * Turns a sharp decode error into a problem a person can act on. libvips
 * reports failures as free text, so this reads the text for the few phrases
 * that matter and, where the text cannot tell a file cut short from a damaged
 * one (libpng's "read error", a WebP or TIFF whose header no longer parses),
 * checks the lengths the container declares against the bytes present.
 */
import { unreadableImageFormat } from './image-signatures';
import { isPng, readPngLayout } from './png-chunks';
import { importProblem, type ImportProblem } from './problems';

/** sharp's words when no libvips loader recognises the bytes. */
const noLoaderMessage = 'unsupported image format';
/** libjpeg "premature end", giflib "Unexpected end of GIF", libheif "Unexpected end of file". */
const endOfDataPattern = /premature end|unexpected end|truncated/i;
/** Lines that say where libvips looked, not what it found. */
const noiseLinePattern = /^(source: bad seek|vips2\w+: unable to write)/;
const headerPrefix = 'Input buffer has corrupt header:';

export function classifyDecodeFailure(error: unknown, bytes: Buffer, source: string): ImportProblem {
  const message = error instanceof Error ? error.message : String(error);
  const unreadableFormat = unreadableImageFormat(bytes);
  if (unreadableFormat) {
    return importProblem(source, 'unsupported', `is a ${unreadableFormat} image, which the studio cannot read; convert it to PNG or JPEG.`);
  }
  if (endOfDataPattern.test(message) || endsBeforeDeclaredLength(bytes)) {
    return importProblem(source, 'truncated', 'is truncated: the file ends before the image does (was it copied or downloaded completely?).');
  }
  if (message.includes(noLoaderMessage) && !hasDecodableSignature(bytes)) {
    return importProblem(source, 'not-an-image', 'is not an image the studio can read (PNG, JPEG, WebP, AVIF, TIFF, GIF or SVG).');
  }
  return importProblem(source, 'corrupt', `is damaged and cannot be decoded (${decoderDetail(message)}).`);
}

/** Containers that state their own length: PNG chunks, the RIFF size of WebP, TIFF's first directory offset. */
function endsBeforeDeclaredLength(bytes: Buffer): boolean {
  if (isPng(bytes)) return !readPngLayout(bytes).complete;
  if (isRiffWebp(bytes)) return bytes.readUInt32LE(4) + 8 > bytes.length;
  const tiffDirectory = tiffFirstDirectoryOffset(bytes);
  return tiffDirectory !== null && tiffDirectory + 2 > bytes.length;
}

/** Formats sharp decodes: a refusal of these bytes means damage, not a stranger. */
function hasDecodableSignature(bytes: Buffer): boolean {
  return isPng(bytes) || isRiffWebp(bytes) || tiffFirstDirectoryOffset(bytes) !== null
    || (bytes[0] === 0xff && bytes[1] === 0xd8) || bytes.toString('latin1', 0, 4) === 'GIF8';
}

function isRiffWebp(bytes: Buffer): boolean {
  return bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP';
}

function tiffFirstDirectoryOffset(bytes: Buffer): number | null {
  if (bytes.length < 8) return null;
  const order = bytes.toString('latin1', 0, 2);
  if (order === 'II' && bytes.readUInt16LE(2) === 42) return bytes.readUInt32LE(4);
  if (order === 'MM' && bytes.readUInt16BE(2) === 42) return bytes.readUInt32BE(4);
  return null;
}

/** The decoder's own words, shortened to the line that names the fault. */
function decoderDetail(message: string): string {
  const lines = message
    .replace(headerPrefix, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !noiseLinePattern.test(line));
  return lines.at(-1) ?? 'the decoder gave no reason';
}
