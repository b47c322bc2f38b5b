/**
 * Exact nearest neighbours by Euclidean distance among many small grey images
 * (10,000 training images against hundreds of generated ones), without
 * comparing every pair pixel by pixel. Split each image into its block means
 * (a thumbnail, blocks of m pixels) and the detail the means leave out; the
 * two parts are orthogonal, so
 *   ‖x−y‖² = m·‖mean x − mean y‖² + ‖detail x − detail y‖²
 *          ≥ m·‖mean x − mean y‖² + (‖detail x‖ − ‖detail y‖)²,
 * a lower bound from a thumbnail and one stored norm per image. Candidates are
 * bounded with 4×4, then 8×8, then 16×16 thumbnails, skipped as soon as a
 * bound passes the best match so far, and a full comparison stops once it
 * passes the best. Noise-like queries are the slow case (about 5× slower than
 * image-like ones): their detail resembles nothing, so few candidates are skipped.
 */
import type { PlanarImages } from './image-batch';
import { resampleArea } from './resample-area';

export interface NearestImages {
  /** For each query, the index of its nearest reference image. */
  readonly indices: Int32Array;
  /** For each query, the squared Euclidean distance (summed over pixels) to that image. */
  readonly squaredDistances: Float64Array;
}

/** Thumbnail sides, coarsest first; each must divide the image sides so that every block has the same area. */
const thumbnailSides = [4, 8, 16] as const;

interface BoundLevel {
  readonly thumbnails: Float32Array;
  readonly length: number;
  /** Pixels per block: the factor that makes the thumbnail distance a lower bound. */
  readonly blockArea: number;
  /** Per image, ‖detail‖ = √(‖x‖² − m·‖mean x‖²), the norm of what the thumbnail leaves out. */
  readonly detailNorms: Float64Array;
}

export class NearestImageSearch {
  readonly #reference: PlanarImages;
  readonly #levels: BoundLevel[];

  constructor(reference: PlanarImages) {
    checkSearchable(reference);
    this.#reference = reference;
    this.#levels = boundLevels(reference);
  }

  find(queries: PlanarImages): NearestImages {
    checkSearchable(queries);
    const reference = this.#reference;
    if (queries.height !== reference.height || queries.width !== reference.width) {
      throw new RangeError(`queries of ${queries.width}×${queries.height} cannot be compared with ${reference.width}×${reference.height} images`);
    }
    const queryLevels = boundLevels(queries);
    const [coarsest, ...finer] = this.#levels as [BoundLevel, ...BoundLevel[]];
    const [queryCoarsest, ...queryFiner] = queryLevels as [BoundLevel, ...BoundLevel[]];
    const pixels = reference.height * reference.width;
    const bounds = new Float64Array(reference.count);
    const indices = new Int32Array(queries.count);
    const squaredDistances = new Float64Array(queries.count);

    for (let query = 0; query < queries.count; query++) {
      let best = 0;
      for (let candidate = 0; candidate < reference.count; candidate++) {
        bounds[candidate] = boundedSquaredDistance(queryCoarsest, query, coarsest, candidate, Infinity);
        if (bounds[candidate]! < bounds[best]!) best = candidate;
      }
      // Starting from the most promising candidate makes the bounds prune from the first comparison on.
      let bestSquared = squaredDistance(queries.data, query * pixels, reference.data, best * pixels, pixels, Infinity);
      candidates: for (let candidate = 0; candidate < reference.count; candidate++) {
        if (bounds[candidate]! >= bestSquared || candidate === best) continue;
        for (const [level, referenceLevel] of finer.entries()) {
          if (boundedSquaredDistance(queryFiner[level]!, query, referenceLevel, candidate, bestSquared) >= bestSquared) continue candidates;
        }
        const distance = squaredDistance(queries.data, query * pixels, reference.data, candidate * pixels, pixels, bestSquared);
        if (distance < bestSquared) {
          bestSquared = distance;
          best = candidate;
        }
      }
      indices[query] = best;
      squaredDistances[query] = bestSquared;
    }
    return { indices, squaredDistances };
  }
}

function checkSearchable(images: PlanarImages): void {
  const divisor = thumbnailSides[thumbnailSides.length - 1]!;
  if (images.channels !== 1) throw new RangeError(`the nearest-image search compares grey images, not ${images.channels}-channel ones`);
  if (images.height % divisor !== 0 || images.width % divisor !== 0) {
    throw new RangeError(`the nearest-image search needs sides divisible by ${divisor}, not ${images.width}×${images.height}`);
  }
}

function boundLevels(images: PlanarImages): BoundLevel[] {
  const pixels = images.height * images.width;
  return thumbnailSides.map((side) => {
    const thumbnails = resampleArea(images, side, side).data;
    const length = side * side;
    const blockArea = pixels / length;
    const detailNorms = new Float64Array(images.count);
    for (let image = 0; image < images.count; image++) {
      const energy = squaredNorm(images.data, image * pixels, pixels) - blockArea * squaredNorm(thumbnails, image * length, length);
      // Rounding can take a detail-free image's energy a hair below zero.
      detailNorms[image] = Math.sqrt(Math.max(0, energy));
    }
    return { thumbnails, length, blockArea, detailNorms };
  });
}

/** The lower bound on the squared distance between query `query` and reference `candidate` (see the top of the file). */
function boundedSquaredDistance(queries: BoundLevel, query: number, reference: BoundLevel, candidate: number, limit: number): number {
  const { length, blockArea } = reference;
  const detail = (queries.detailNorms[query]! - reference.detailNorms[candidate]!) ** 2;
  if (detail >= limit) return detail;
  const means = squaredDistance(queries.thumbnails, query * length, reference.thumbnails, candidate * length, length, (limit - detail) / blockArea);
  return detail + blockArea * means;
}

function squaredNorm(values: Float32Array, start: number, length: number): number {
  let sum = 0;
  for (let index = start; index < start + length; index++) sum += values[index]! * values[index]!;
  return sum;
}

/** Σ(a−b)² over `length` values, giving up (and returning what it has, already ≥ `limit`) once past `limit`. */
function squaredDistance(first: Float32Array, firstStart: number, second: Float32Array, secondStart: number, length: number, limit: number): number {
  const checkEvery = 64;
  let sum = 0;
  for (let chunk = 0; chunk < length; chunk += checkEvery) {
    const end = Math.min(length, chunk + checkEvery);
    for (let index = chunk; index < end; index++) {
      const difference = first[firstStart + index]! - second[secondStart + index]!;
      sum += difference * difference;
    }
    if (sum >= limit) return sum;
  }
  return sum;
}
