/**
 * Checks one imported file and decides what gets stored for it. Formats the
 * renderer shows and sharp reads well (PNG, JPEG, WebP, AVIF) are kept byte
 * for byte, so nothing is lost to a second compression; everything else —
 * TIFF, SVG, GIF, animations, photos that rely on an EXIF rotation — is
 * decoded once, upright, and stored as PNG.
 */
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { sniffMediaType } from '../content/mime';
import { classifyDecodeFailure } from './decode-failure';
import { isAnimatedPng } from './png-chunks';
import { importProblem, type ImportProblem } from './problems';

export type StoredMediaType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/avif' | 'image/gif';

export interface NormalisedImage {
  readonly bytes: Buffer;
  readonly mediaType: StoredMediaType;
  /** Upright dimensions, after any EXIF rotation. */
  readonly width: number;
  readonly height: number;
  readonly channels: number;
}

export interface DecodeLimits {
  /** Width × height above which a file is refused before any pixel is decoded. */
  readonly maxPixels: number;
}

/** Stored unchanged when single-frame and upright; the sniffed type is what the blob server will send. */
const keptAsIs: ReadonlyMap<string, StoredMediaType> = new Map([
  ['png', 'image/png'],
  ['jpeg', 'image/jpeg'],
  ['webp', 'image/webp'],
  ['heif', 'image/avif'],
]);

const uprightOrientation = 1;

export async function normaliseImage(bytes: Buffer, source: string, limits: DecodeLimits): Promise<NormalisedImage | ImportProblem> {
  if (bytes.length === 0) return importProblem(source, 'empty', 'is empty (0 bytes).');
  const options: SharpOptions = { limitInputPixels: limits.maxPixels, failOn: 'truncated' };
  try {
    const metadata = await sharp(bytes, options).metadata();
    const mediaType = storedAsIs(bytes, metadata);
    return mediaType ? await verified(bytes, options, metadata, mediaType) : await reencoded(bytes, options);
  } catch (error) {
    if (exceedsPixelLimit(error)) return await tooLarge(bytes, source, limits);
    return classifyDecodeFailure(error, bytes, source);
  }
}

function storedAsIs(bytes: Buffer, metadata: Metadata): StoredMediaType | null {
  const mediaType = keptAsIs.get(metadata.format);
  if (!mediaType || sniffMediaType(bytes) !== mediaType) return null;
  const singleFrame = (metadata.pages ?? 1) === 1 && !(mediaType === 'image/png' && isAnimatedPng(bytes));
  const upright = (metadata.orientation ?? uprightOrientation) === uprightOrientation;
  return singleFrame && upright ? mediaType : null;
}

/**
 * The bytes are kept, but every pixel is still decoded once so damage shows
 * now, not mid-training. A raw decode does that at a tenth of the cost of
 * stats(), whose histograms an import does not need.
 */
async function verified(bytes: Buffer, options: SharpOptions, metadata: Metadata, mediaType: StoredMediaType): Promise<NormalisedImage> {
  await sharp(bytes, options).raw().toBuffer();
  return { bytes, mediaType, width: metadata.width, height: metadata.height, channels: metadata.channels };
}

/** sharp writes no metadata and no timestamps by default, so the same input always gives the same PNG. */
async function reencoded(bytes: Buffer, options: SharpOptions): Promise<NormalisedImage> {
  const { data, info } = await sharp(bytes, { ...options, pages: 1 }).rotate().png().toBuffer({ resolveWithObject: true });
  return { bytes: data, mediaType: 'image/png', width: info.width, height: info.height, channels: info.channels };
}

function exceedsPixelLimit(error: unknown): boolean {
  return error instanceof Error && error.message.includes('exceeds pixel limit');
}

/** Reading the header again without the limit is safe: metadata() never decodes pixels. */
async function tooLarge(bytes: Buffer, source: string, limits: DecodeLimits): Promise<ImportProblem> {
  const limit = `the ${limits.maxPixels.toLocaleString('en')}-pixel limit`;
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return importProblem(source, 'too-large', `is too large: ${width} × ${height} pixels is more than ${limit}.`);
  } catch {
    return importProblem(source, 'too-large', `is too large: it has more pixels than ${limit}.`);
  }
}
