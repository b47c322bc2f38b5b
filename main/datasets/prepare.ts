/**
 * Turns a dataset's images into a tensor cache the engine trains from: every
 * image oriented, flattened, resized and cropped to one square resolution,
 * optionally with a mirrored copy, in the dataset's order.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import sharp, { type OutputInfo } from 'sharp';
import { StudioError, type CropMode } from '../../preload/contract';
import { mapInOrder } from '../jobs/ordered-map';
import { createSeededRandom } from './seeded-random';
import { writeTensorCache, type TensorCacheHeader } from '../formats/tensor-cache';

export interface PrepareItem {
  readonly blobPath: string;
  /** A class index into classNames, or null for an unlabelled image. */
  readonly label: number | null;
}


/** Everything that decides the pixels; part of the cache's fingerprint. */
export interface ImagePreparation {
  /** The side of the square examples, in pixels. */
  readonly resolution: number;
  readonly channels: 1 | 3;
  /**
   * center: fill the square, cut the longer side's ends evenly.
   * random: scale the short side to 1.125 × resolution, then cut a square at a seeded random place.
   * pad: fit the whole image inside the square, filling the rest with mid grey.
   */
  readonly crop: CropMode;
  /** Also add each image flipped left to right, right after it. */
  readonly mirror: boolean;
  /** Decides the random crops; the same seed gives the same cache. */
  readonly seed: number;
}

export interface PrepareImagesOptions extends ImagePreparation {
  /** Where the tensor cache goes; nothing is there unless preparation finishes. */
  readonly outputPath: string;
  readonly classNames: readonly string[];
  /** From cacheFingerprint, stored in the header so a stale cache can be told. */
  readonly fingerprint: string;
}

export type PrepareProgress = (done: number, total: number) => void;

/**
 * Bump when the pixels this module makes for the same inputs change, so
 * caches made by an older version count as stale.
 */
const preparationVersion = 1;
/** How much larger than the crop a random crop's source is scaled: room for the crop to move. */
const randomCropMargin = 1.125;
/**
 * Padding and transparent areas become mid grey, not black or the image's
 * mean. The engine maps pixels to [-1, 1] and the generator ends in tanh:
 * mid grey is 0 there, a value tanh produces exactly and zero-padded
 * convolutions already assume, while black (-1) is one tanh only approaches,
 * so learned black bars come out as noisy dark grey. A per-image mean would
 * vary from image to image and be harder still to learn.
 */
const neutralGrey = { r: 128, g: 128, b: 128 };
const minimumResolution = 1;
const maximumResolution = 1024;

export async function prepareImages(
  items: readonly PrepareItem[],
  options: PrepareImagesOptions,
  onProgress: PrepareProgress = () => undefined,
  signal?: AbortSignal,
): Promise<TensorCacheHeader> {
  checkOptions(items, options);
  signal?.throwIfAborted();
  const { resolution, channels, mirror } = options;
  const labels = items.some((item) => item.label !== null) ? items.flatMap((item) => (mirror ? [item.label, item.label] : [item.label])) : null;
  const header: TensorCacheHeader = {
    count: items.length * (mirror ? 2 : 1),
    height: resolution,
    width: resolution,
    channels,
    labels,
    classNames: [...options.classNames],
    fingerprint: options.fingerprint,
  };
  // Drawn in dataset order before any work starts, so the crops do not depend on which image decodes first.
  const random = createSeededRandom(options.seed);
  const cropPlaces = items.map(() => ({ across: random(), down: random() }));

  onProgress(0, items.length);
  await writeTensorCache(options.outputPath, header, async (write) => {
    await mapInOrder(
      items.keys(),
      preparationConcurrency(),
      (index) => shapeImage(items[index] as PrepareItem, options, cropPlaces[index] as CropPlace),
      async (pixels, index) => {
        await write(pixels);
        if (mirror) await write(mirrorLeftRight(pixels, resolution, resolution, channels));
        onProgress(index + 1, items.length);
      },
      signal,
    );
    // A cancelled preparation must not leave a short cache behind: failing here removes the temporary file.
    signal?.throwIfAborted();
  });
  return header;
}

/**
 * Identifies what a cache was made from: the images in order, their labels,
 * the class names and the preparation settings. Pass it to prepareImages and
 * compare it with a cache's header later; a difference means the dataset
 * changed and the cache must be made again.
 */
export function cacheFingerprint(parts: {
  readonly items: readonly { readonly blobHash: string; readonly label: number | null }[];
  readonly classNames: readonly string[];
  readonly preparation: ImagePreparation;
}): string {
  const { resolution, channels, crop, mirror, seed } = parts.preparation;
  const hash = createHash('sha256');
  // The seed only moves random crops; changing it must not make a centre-cropped cache stale.
  hash.update(JSON.stringify({ preparationVersion, resolution, channels, crop, mirror, seed: crop === 'random' ? seed : null, classNames: parts.classNames }));
  for (const item of parts.items) hash.update(`\n${item.blobHash}\t${item.label ?? ''}`);
  return hash.digest('hex');
}

interface CropPlace {
  /** Where the crop sits along the spare width and height, 0 (left, top) to 1. */
  readonly across: number;
  readonly down: number;
}

async function shapeImage(item: PrepareItem, preparation: ImagePreparation, place: CropPlace): Promise<Uint8Array> {
  const { resolution, channels, crop } = preparation;
  const kernel = 'lanczos3';
  let pipeline = sharp(item.blobPath).autoOrient().flatten({ background: neutralGrey });
  if (crop === 'center') pipeline = pipeline.resize(resolution, resolution, { fit: 'cover', position: 'centre', kernel });
  else if (crop === 'pad') pipeline = pipeline.resize(resolution, resolution, { fit: 'contain', background: neutralGrey, kernel });
  else {
    const shortSide = Math.round(resolution * randomCropMargin);
    pipeline = pipeline.resize(shortSide, shortSide, { fit: 'outside', kernel });
  }
  let shaped: { data: Buffer; info: OutputInfo };
  try {
    shaped = await pipeline
      .toColourspace(channels === 1 ? 'b-w' : 'srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new StudioError('INVALID_ARGUMENT', `Could not prepare the image ${item.blobPath}: ${(error as Error).message}`, { cause: error });
  }
  const { data, info } = shaped;
  if (info.channels !== channels) throw new StudioError('INTERNAL', `${item.blobPath} came out with ${info.channels} channels instead of ${channels}`);
  if (crop !== 'random') return data;
  const left = Math.floor(place.across * (info.width - resolution + 1));
  const top = Math.floor(place.down * (info.height - resolution + 1));
  return cutSquare(data, info.width, channels, left, top, resolution);
}

function cutSquare(pixels: Uint8Array, width: number, channels: number, left: number, top: number, side: number): Uint8Array {
  const square = new Uint8Array(side * side * channels);
  const rowBytes = side * channels;
  for (let row = 0; row < side; row++) {
    const start = ((top + row) * width + left) * channels;
    square.set(pixels.subarray(start, start + rowBytes), row * rowBytes);
  }
  return square;
}

function mirrorLeftRight(pixels: Uint8Array, width: number, height: number, channels: number): Uint8Array {
  const mirrored = new Uint8Array(pixels.length);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const from = (row * width + column) * channels;
      const to = (row * width + (width - 1 - column)) * channels;
      for (let channel = 0; channel < channels; channel++) mirrored[to + channel] = pixels[from + channel] as number;
    }
  }
  return mirrored;
}

/**
 * sharp decodes asynchronously on libvips threads; a few images in flight
 * keep every core busy while one is being written.
 */
function preparationConcurrency(): number {
  return Math.min(8, availableParallelism() + 2);
}

function checkOptions(items: readonly PrepareItem[], options: PrepareImagesOptions): void {
  const { resolution, channels, crop, seed, classNames } = options;
  if (items.length === 0) throw new StudioError('INVALID_ARGUMENT', 'There are no images to prepare');
  if (!Number.isInteger(resolution) || resolution < minimumResolution || resolution > maximumResolution) {
    throw new StudioError('INVALID_ARGUMENT', `The resolution must be a whole number of pixels from ${minimumResolution} to ${maximumResolution}, not ${resolution}`);
  }
  if (channels !== 1 && channels !== 3) throw new StudioError('INVALID_ARGUMENT', `Images have 1 (grey) or 3 (colour) channels, not ${String(channels)}`);
  if (!['center', 'random', 'pad'].includes(crop)) throw new StudioError('INVALID_ARGUMENT', `Unknown crop '${String(crop)}'; use center, random or pad`);
  if (!Number.isSafeInteger(seed)) throw new StudioError('INVALID_ARGUMENT', `The seed must be a whole number, not ${seed}`);
  const badLabel = items.find((item) => item.label !== null && !(Number.isInteger(item.label) && item.label >= 0 && item.label < classNames.length));
  if (badLabel) throw new StudioError('INVALID_ARGUMENT', `${badLabel.blobPath} has label ${badLabel.label}, but there are ${classNames.length} classes`);
}
