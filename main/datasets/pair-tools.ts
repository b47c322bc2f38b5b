/**
 * Tools for paired datasets (sketch → image, grey → colour, day → night):
 * making the grey half of a pair, and checking that the two halves of a pair
 * line up, which pix2pix-style training silently depends on.
 */
import sharp from 'sharp';
import { StudioError } from '../../preload/contract';
import { detectEdges, gaussianBlur, readGreyImage } from './line-drawing';

export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

export interface PairAlignment {
  readonly sameSize: boolean;
  readonly aSize: ImageSize;
  readonly bSize: ImageSize;
  /** How well A's edges match B's at the best shift: normalised cross-correlation, 0 (unrelated) to 1. */
  readonly alignment: number;
  /**
   * Where B's content sits relative to A's at the best match, in pixels of
   * the pairComparisonSize square both are compared at: positive dx is
   * right, positive dy is down.
   */
  readonly bestShift: { readonly dx: number; readonly dy: number };
  /** The pair lines up well enough to train on. */
  readonly aligned: boolean;
  /** B faded, with A's edges drawn over it in magenta, as a PNG at most overlayLongestSide wide or high. */
  readonly overlay: Buffer;
}

/** Both images' edges are compared as squares this size, whatever their own sizes. */
export const pairComparisonSize = 128;
/**
 * Edges are found at up to this size (the smaller image's own size when less)
 * and only then averaged down to the comparison square. Finding them at
 * 128 px instead blurs a line drawing's one-pixel lines into grey mush whose
 * edges no longer follow the photo's: a detailed photo then scored about 0.2
 * against its own drawing, where it scores about 0.85 this way.
 */
const edgeWorkingLongestSide = 512;
/** Shifts tried each way, in comparison pixels. */
export const largestShiftTried = 4;
/**
 * The alignment a pair needs to count as aligned. Calibrated on drawn test
 * scenes and a detailed circuit-board photo: a picture against its own line
 * drawing or greyscale scores 0.8–1.0, two photos of the same board 0.6,
 * unrelated pictures 0.04–0.16 and a mirrored board 0.29. (A board that is
 * nearly symmetric top to bottom, flipped, scores 0.5: edges cannot tell.)
 */
export const alignedThreshold = 0.4;
export const overlayLongestSide = 512;

/**
 * Blurring the edge maps before correlating them lets lines that are one or
 * two pixels apart still match: a line drawing's lines sit beside, not on,
 * the photo's strongest gradient, and the two are resized differently.
 */
const edgeSpreadSigma = 1.5;
const edgeColour = [255, 0, 255] as const;
/** How far B is faded towards white under the overlay's edges, so they stand out on any picture. */
const overlayFade = 0.5;

/** The image in one grey channel, upright, as a PNG; transparency is kept. */
export async function greyscaleOf(imageBytes: Buffer): Promise<Buffer> {
  try {
    return await sharp(imageBytes).autoOrient().toColourspace('b-w').png().toBuffer();
  } catch (error) {
    throw new StudioError('INVALID_ARGUMENT', `Could not read the image: ${(error as Error).message}`, { cause: error });
  }
}

export async function checkPair(aBytes: Buffer, bBytes: Buffer): Promise<PairAlignment> {
  const [aSize, bSize] = await Promise.all([uprightSize(aBytes), uprightSize(bBytes)]);
  const working = edgeWorkingSize(aSize, bSize);
  const [aEdges, bEdges] = await Promise.all([spreadEdges(aBytes, working), spreadEdges(bBytes, working)]);
  const { alignment, dx, dy } = bestAlignment(aEdges, bEdges, pairComparisonSize, pairComparisonSize);
  return {
    sameSize: aSize.width === bSize.width && aSize.height === bSize.height,
    aSize,
    bSize,
    alignment,
    bestShift: { dx, dy },
    aligned: alignment >= alignedThreshold && Math.abs(dx) <= 1 && Math.abs(dy) <= 1,
    overlay: await drawOverlay(aBytes, bBytes, bSize),
  };
}

async function uprightSize(imageBytes: Buffer): Promise<ImageSize> {
  try {
    const { autoOrient } = await sharp(imageBytes).metadata();
    return { width: autoOrient.width, height: autoOrient.height };
  } catch (error) {
    throw new StudioError('INVALID_ARGUMENT', `Could not read the image: ${(error as Error).message}`, { cause: error });
  }
}

/** The smaller image's size, no larger than edgeWorkingLongestSide and no smaller than the comparison square. */
function edgeWorkingSize(aSize: ImageSize, bSize: ImageSize): ImageSize {
  const smaller = aSize.width * aSize.height <= bSize.width * bSize.height ? aSize : bSize;
  const scale = Math.min(1, edgeWorkingLongestSide / Math.max(smaller.width, smaller.height));
  return {
    width: Math.max(pairComparisonSize, Math.round(smaller.width * scale)),
    height: Math.max(pairComparisonSize, Math.round(smaller.height * scale)),
  };
}

/** The image's edges found at `working` size, as edge density in the comparison square, spread a little. */
async function spreadEdges(imageBytes: Buffer, working: ImageSize): Promise<Float32Array> {
  const edges = detectEdges(await readGreyImage(imageBytes, working));
  const side = pairComparisonSize;
  const density = new Float32Array(side * side);
  const contributions = new Float32Array(side * side);
  for (let y = 0; y < working.height; y++) {
    const cellRow = Math.floor((y * side) / working.height) * side;
    for (let x = 0; x < working.width; x++) {
      const cell = cellRow + Math.floor((x * side) / working.width);
      density[cell] = (density[cell] as number) + (edges[y * working.width + x] as number);
      contributions[cell] = (contributions[cell] as number) + 1;
    }
  }
  for (let cell = 0; cell < density.length; cell++) density[cell] = (density[cell] as number) / (contributions[cell] as number);
  return gaussianBlur(density, side, side, edgeSpreadSigma);
}

/**
 * Tries every shift of B against A up to largestShiftTried pixels each way
 * and keeps the one whose overlapping parts correlate best. Ties go to the
 * smaller shift, so a featureless pair reports no shift.
 */
function bestAlignment(a: Float32Array, b: Float32Array, width: number, height: number) {
  let best = { alignment: 0, dx: 0, dy: 0 };
  let bestDistance = Infinity;
  for (let dy = -largestShiftTried; dy <= largestShiftTried; dy++) {
    for (let dx = -largestShiftTried; dx <= largestShiftTried; dx++) {
      const alignment = Math.max(0, correlationAtShift(a, b, width, height, dx, dy));
      const distance = Math.abs(dx) + Math.abs(dy);
      if (alignment > best.alignment || (alignment === best.alignment && distance < bestDistance)) {
        best = { alignment, dx, dy };
        bestDistance = distance;
      }
    }
  }
  return best;
}

/** Normalised cross-correlation of A(x, y) with B(x + dx, y + dy) where the two overlap. */
function correlationAtShift(a: Float32Array, b: Float32Array, width: number, height: number, dx: number, dy: number): number {
  let sumA = 0;
  let sumB = 0;
  let sumAB = 0;
  let sumAA = 0;
  let sumBB = 0;
  let count = 0;
  for (let y = Math.max(0, -dy); y < Math.min(height, height - dy); y++) {
    for (let x = Math.max(0, -dx); x < Math.min(width, width - dx); x++) {
      const valueA = a[y * width + x] as number;
      const valueB = b[(y + dy) * width + x + dx] as number;
      sumA += valueA;
      sumB += valueB;
      sumAB += valueA * valueB;
      sumAA += valueA * valueA;
      sumBB += valueB * valueB;
      count++;
    }
  }
  const spreadA = sumAA - (sumA * sumA) / count;
  const spreadB = sumBB - (sumB * sumB) / count;
  if (spreadA <= 0 || spreadB <= 0) return 0;
  return (sumAB - (sumA * sumB) / count) / Math.sqrt(spreadA * spreadB);
}

/** B at its own proportions (no larger than overlayLongestSide), faded, with A's edges over it. */
async function drawOverlay(aBytes: Buffer, bBytes: Buffer, bSize: ImageSize): Promise<Buffer> {
  const scale = Math.min(1, overlayLongestSide / Math.max(bSize.width, bSize.height));
  const size = { width: Math.max(1, Math.round(bSize.width * scale)), height: Math.max(1, Math.round(bSize.height * scale)) };
  const [background, aImage] = await Promise.all([
    sharp(bBytes)
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer(),
    readGreyImage(aBytes, size),
  ]);
  const aEdges = detectEdges(aImage);
  const pixels = new Uint8Array(size.width * size.height * 3);
  for (let index = 0; index < aEdges.length; index++) {
    for (let channel = 0; channel < 3; channel++) {
      const faded = (background[index * 3 + channel] as number) * (1 - overlayFade) + 255 * overlayFade;
      pixels[index * 3 + channel] = aEdges[index] ? edgeColour[channel] as number : Math.round(faded);
    }
  }
  return sharp(pixels, { raw: { ...size, channels: 3 } }).png().toBuffer();
}
