/**
 * Sliced Wasserstein distance between two image sets, ProGAN's recipe
 * (Karras et al. 2018, appendix D), which needs no pretrained network and so
 * works offline where FID cannot: per Laplacian pyramid level, the two sets'
 * random 7×7 patch descriptors are projected onto random unit directions and
 * the 1-D Wasserstein distances between the projected values are averaged.
 * A level's value compares the statistics of detail at that scale: the finest
 * level sees edges and texture, the 16×16 residual sees colour and layout.
 * Reported ×10³, as ProGAN's tables do.
 *
 * Everything random comes from one seed, so the same sets always give the same
 * distance, and a fixed reference set keeps its patches from call to call.
 */
import { checkImageBatch, toPlanar, type ImageBatch } from './image-batch';
import { laplacianPyramid, pyramidLevelCount } from './laplacian-pyramid';
import { samplePatchDescriptors, standardiseChannels } from './patch-descriptors';
import { FloatSorter } from './sort-floats';
import { SeededRandom } from '../random';

export interface SlicedWassersteinOptions {
  readonly seed?: number;
  /** ProGAN: 7. */
  readonly patchSize?: number;
  /**
   * ProGAN takes 128 from each of 16,384 images with a BLAS behind it; the
   * projections cost patches × directions in plain JavaScript, so the default
   * takes fewer and keeps 512 images of 64×64×3 near a second.
   */
  readonly patchesPerImage?: number;
  /** ProGAN: 4 repeats × 128 directions, which is 512 directions averaged. */
  readonly directionCount?: number;
  /** The coarsest level's shorter side; ProGAN: 16. */
  readonly minResolution?: number;
}

export interface SlicedWassersteinResult {
  /** Finest level first; `resolution` is the level's shorter side. */
  readonly perLevel: { readonly resolution: number; readonly swd: number }[];
  /** The mean over levels. */
  readonly average: number;
}

export const defaultSlicedWassersteinOptions = {
  seed: 0,
  patchSize: 7,
  patchesPerImage: 16,
  directionCount: 64,
  minResolution: 16,
} as const satisfies Required<SlicedWassersteinOptions>;

/** Projections are computed this many directions at a time, to bound memory for large sets. */
const directionsPerBatch = 128;
const reportedScale = 1e3;

export function slicedWassersteinDistance(first: ImageBatch, second: ImageBatch, options: SlicedWassersteinOptions = {}): SlicedWassersteinResult {
  const { seed, patchSize, patchesPerImage, directionCount, minResolution } = { ...defaultSlicedWassersteinOptions, ...options };
  checkImageBatch(first, 'the first image set');
  checkImageBatch(second, 'the second image set');
  if (first.height !== second.height || first.width !== second.width || first.channels !== second.channels) {
    throw new RangeError(
      `both image sets need the same shape, not ${first.width}×${first.height}×${first.channels} and ${second.width}×${second.height}×${second.channels}`,
    );
  }
  for (const [name, value] of Object.entries({ patchSize, patchesPerImage, directionCount })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a whole number of at least 1, not ${value}`);
  }
  if (!(minResolution >= patchSize)) throw new RangeError(`minResolution (${minResolution}) must be at least patchSize (${patchSize}): every level must hold a patch`);
  if (Math.min(first.height, first.width) < patchSize) throw new RangeError(`${first.width}×${first.height} images are too small for ${patchSize}×${patchSize} patches`);

  const root = new SeededRandom(seed);
  const patchSeed = root.nextUint32();
  const directions = new SeededRandom(root.nextUint32());
  // Each set draws its patch positions from the same stream: a set compared with itself scores exactly 0, and a
  // reference set compared with successive generated sets keeps the same patches.
  const firstPatches = new SeededRandom(patchSeed);
  const secondPatches = new SeededRandom(patchSeed);

  const levelCount = pyramidLevelCount(first.height, first.width, minResolution);
  const firstLevels = laplacianPyramid(toPlanar(first), levelCount);
  const secondLevels = laplacianPyramid(toPlanar(second), levelCount);
  const perLevel = firstLevels.map((firstLevel, level) => {
    const firstDescriptors = samplePatchDescriptors(firstLevel, patchesPerImage, patchSize, firstPatches);
    const secondDescriptors = samplePatchDescriptors(secondLevels[level]!, patchesPerImage, patchSize, secondPatches);
    standardiseChannels([firstDescriptors, secondDescriptors], first.channels, patchSize);
    const length = first.channels * patchSize * patchSize;
    const swd = slicedWasserstein(firstDescriptors, secondDescriptors, length, directionCount, directions);
    return { resolution: Math.min(firstLevel.height, firstLevel.width), swd: swd * reportedScale };
  });
  const average = perLevel.reduce((total, { swd }) => total + swd, 0) / perLevel.length;
  return { perLevel, average };
}

/** The mean over `directionCount` random unit directions of the 1-D Wasserstein distance between the projected rows. */
function slicedWasserstein(first: Float32Array, second: Float32Array, length: number, directionCount: number, random: SeededRandom): number {
  const firstRows = first.length / length;
  const secondRows = second.length / length;
  const sorter = new FloatSorter();
  let total = 0;
  for (let done = 0; done < directionCount; done += directionsPerBatch) {
    const batch = Math.min(directionsPerBatch, directionCount - done);
    const directions = randomUnitDirections(length, batch, random);
    const firstProjections = project(first, firstRows, length, directions, batch);
    const secondProjections = project(second, secondRows, length, directions, batch);
    for (let direction = 0; direction < batch; direction++) {
      const firstSorted = sorter.sort(firstProjections.subarray(direction * firstRows, (direction + 1) * firstRows));
      const secondSorted = sorter.sort(secondProjections.subarray(direction * secondRows, (direction + 1) * secondRows));
      total += wasserstein1Sorted(firstSorted, secondSorted);
    }
  }
  return total / directionCount;
}

/** `count` directions drawn uniformly on the unit sphere (normalised Gaussians), stored component-major: `[component * count + direction]`. */
function randomUnitDirections(length: number, count: number, random: SeededRandom): Float32Array {
  const directions = new Float32Array(length * count);
  for (let direction = 0; direction < count; direction++) {
    let squares = 0;
    for (let component = 0; component < length; component++) {
      const value = random.normal();
      directions[component * count + direction] = value;
      squares += value * value;
    }
    const scale = 1 / Math.sqrt(squares);
    for (let component = 0; component < length; component++) directions[component * count + direction]! *= scale;
  }
  return directions;
}

/**
 * `[direction * rows + row]` = row · direction, so each direction's values lie
 * together, ready to sort. This is the metric's hot loop: eight rows at a time
 * share each direction component read, which makes it about three times faster
 * than one row at a time.
 */
function project(rows: Float32Array, rowCount: number, length: number, directions: Float32Array, directionCount: number): Float32Array {
  const projections = new Float32Array(directionCount * rowCount);
  const sums = new Float64Array(rowsPerBlock * directionCount);
  const [s0, s1, s2, s3, s4, s5, s6, s7] = Array.from({ length: rowsPerBlock }, (_, offset) => offset * directionCount) as Octuple;
  for (let row = 0; row < rowCount; row += rowsPerBlock) {
    // A last block of fewer rows repeats its final row rather than branching in the inner loop.
    const [r0, r1, r2, r3, r4, r5, r6, r7] = Array.from({ length: rowsPerBlock }, (_, offset) => Math.min(row + offset, rowCount - 1) * length) as Octuple;
    sums.fill(0);
    for (let component = 0; component < length; component++) {
      const v0 = rows[r0 + component]!;
      const v1 = rows[r1 + component]!;
      const v2 = rows[r2 + component]!;
      const v3 = rows[r3 + component]!;
      const v4 = rows[r4 + component]!;
      const v5 = rows[r5 + component]!;
      const v6 = rows[r6 + component]!;
      const v7 = rows[r7 + component]!;
      const base = component * directionCount;
      for (let direction = 0; direction < directionCount; direction++) {
        const weight = directions[base + direction]!;
        sums[s0 + direction]! += v0 * weight;
        sums[s1 + direction]! += v1 * weight;
        sums[s2 + direction]! += v2 * weight;
        sums[s3 + direction]! += v3 * weight;
        sums[s4 + direction]! += v4 * weight;
        sums[s5 + direction]! += v5 * weight;
        sums[s6 + direction]! += v6 * weight;
        sums[s7 + direction]! += v7 * weight;
      }
    }
    for (let offset = 0; offset < rowsPerBlock && row + offset < rowCount; offset++) {
      for (let direction = 0; direction < directionCount; direction++) {
        projections[direction * rowCount + row + offset] = sums[offset * directionCount + direction]!;
      }
    }
  }
  return projections;
}

const rowsPerBlock = 8;
type Octuple = [number, number, number, number, number, number, number, number];

/**
 * The 1-D Wasserstein-1 distance between two sorted samples: the area between
 * their quantile functions. With equal sizes that is the mean absolute
 * difference of matched values (ProGAN's formula); with unequal sizes the two
 * step functions are walked together, their breaks compared in integers.
 */
export function wasserstein1Sorted(first: Float32Array, second: Float32Array): number {
  const firstCount = first.length;
  const secondCount = second.length;
  if (firstCount === secondCount) {
    let sum = 0;
    for (let index = 0; index < firstCount; index++) sum += Math.abs(first[index]! - second[index]!);
    return sum / firstCount;
  }
  // Quantile position measured in units of 1 / (firstCount × secondCount).
  let position = 0;
  let firstIndex = 0;
  let secondIndex = 0;
  let area = 0;
  while (firstIndex < firstCount && secondIndex < secondCount) {
    const firstBreak = (firstIndex + 1) * secondCount;
    const secondBreak = (secondIndex + 1) * firstCount;
    const next = Math.min(firstBreak, secondBreak);
    area += (next - position) * Math.abs(first[firstIndex]! - second[secondIndex]!);
    position = next;
    if (firstBreak === next) firstIndex++;
    if (secondBreak === next) secondIndex++;
  }
  return area / (firstCount * secondCount);
}
