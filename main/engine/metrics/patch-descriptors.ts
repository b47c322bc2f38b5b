/**
 * ProGAN's patch descriptors for the sliced Wasserstein distance: small square
 * neighbourhoods cut at random places from one pyramid level, flattened channel
 * by channel, row by row (its `get_descriptors_for_minibatch`), then
 * standardised per colour channel (its `finalize_descriptors`).
 */
import type { PlanarImages } from './image-batch';
import type { SeededRandom } from '../random';

/** `count × patchesPerImage` rows of `channels × patchSize²` values, the patches of image 0 first. */
export function samplePatchDescriptors(level: PlanarImages, patchesPerImage: number, patchSize: number, random: SeededRandom): Float32Array {
  const { data, count, channels, height, width } = level;
  if (height < patchSize || width < patchSize) throw new RangeError(`a ${width}×${height} level is too small for ${patchSize}×${patchSize} patches`);
  const length = channels * patchSize * patchSize;
  const descriptors = new Float32Array(count * patchesPerImage * length);
  let target = 0;
  for (let image = 0; image < count; image++) {
    for (let patch = 0; patch < patchesPerImage; patch++) {
      const top = random.below(height - patchSize + 1);
      const left = random.below(width - patchSize + 1);
      for (let channel = 0; channel < channels; channel++) {
        const plane = (image * channels + channel) * height * width;
        for (let row = 0; row < patchSize; row++) {
          const start = plane + (top + row) * width + left;
          for (let column = 0; column < patchSize; column++) descriptors[target++] = data[start + column]!;
        }
      }
    }
  }
  return descriptors;
}

/**
 * Gives each colour channel zero mean and unit deviation over the descriptors
 * of all the sets together, in place. ProGAN standardises each set on its own
 * statistics, which makes the distance blind to a generator whose detail at
 * some scale is uniformly too strong, too weak or tinted; the shared statistics
 * keep those errors visible while still weighing every level and channel alike.
 */
export function standardiseChannels(sets: readonly Float32Array[], channels: number, patchSize: number): void {
  const runLength = patchSize * patchSize;
  const sums = new Float64Array(channels);
  const squares = new Float64Array(channels);
  forEachChannelRun(sets, channels, runLength, (channel, set, start) => {
    let sum = 0;
    let square = 0;
    for (let index = start; index < start + runLength; index++) {
      const value = set[index]!;
      sum += value;
      square += value * value;
    }
    sums[channel]! += sum;
    squares[channel]! += square;
  });
  const valuesPerChannel = sets.reduce((total, set) => total + set.length, 0) / channels;
  const means = sums.map((sum) => sum / valuesPerChannel);
  // A channel with no variation at all (flat images) is left at zero rather than divided by zero.
  const scales = squares.map((square, channel) => {
    const variance = square / valuesPerChannel - means[channel]! ** 2;
    return variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
  });
  forEachChannelRun(sets, channels, runLength, (channel, set, start) => {
    const mean = means[channel]!;
    const scale = scales[channel]!;
    for (let index = start; index < start + runLength; index++) set[index] = (set[index]! - mean) * scale;
  });
}

/** Calls `visit` with the start of each channel's run of values, in every descriptor of every set. */
function forEachChannelRun(
  sets: readonly Float32Array[],
  channels: number,
  runLength: number,
  visit: (channel: number, set: Float32Array, start: number) => void,
): void {
  for (const set of sets) {
    for (let start = 0; start < set.length; start += runLength) visit((start / runLength) % channels, set, start);
  }
}
