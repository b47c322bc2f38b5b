/**
 * Gaussian and Laplacian pyramids as ProGAN builds them for its sliced
 * Wasserstein distance (Karras et al. 2018, appendix D; `pyr_down`/`pyr_up` in
 * its metrics/sliced_wasserstein.py, which match OpenCV's pyrDown/pyrUp):
 * blur with the 5-tap binomial filter [1 4 6 4 1]/16 in each direction, keep
 * every other pixel; a Laplacian level is a Gaussian level minus the next one
 * brought back up, so it holds only the detail at that scale. Borders reflect
 * about the edge pixel (SciPy's "mirror" mode), as ProGAN's convolutions do.
 */
import type { PlanarImages } from './image-batch';
import { axisTaps, resampleSeparable, type AxisTaps } from './separable-resample';

const binomialTaps = [1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16];
/** Upsampling puts a zero between every pair of pixels; doubling the taps in each direction (4× in 2-D) restores the brightness. */
const upsamplingGain = 2;
const tapRadius = 2;

/** ProGAN's levels: full resolution, then halves while the shorter side stays at least `minResolution` (64 → 64, 32, 16). */
export function pyramidLevelCount(height: number, width: number, minResolution = 16): number {
  let levels = 1;
  // Stop at one pixel too, where halving (rounding up) would go on for ever.
  for (let side = Math.min(height, width); side > 1 && Math.ceil(side / 2) >= minResolution; side = Math.ceil(side / 2)) levels++;
  return levels;
}

/** `levelCount` images, each half the size of the one before (rounding up), the first being the input itself. */
export function gaussianPyramid(images: PlanarImages, levelCount: number): PlanarImages[] {
  const levels = [images];
  for (let level = 1; level < levelCount; level++) levels.push(downsample(levels[level - 1]!));
  return levels;
}

/** Band-pass levels, finest first, ending with the coarsest Gaussian level (the low-pass residual), as ProGAN's `generate_laplacian_pyramid`. */
export function laplacianPyramid(images: PlanarImages, levelCount: number): PlanarImages[] {
  const gaussian = gaussianPyramid(images, levelCount);
  return gaussian.map((level, index) => {
    const coarser = gaussian[index + 1];
    if (!coarser) return level;
    const detail = upsample(coarser, level.height, level.width);
    const data = detail.data;
    for (let value = 0; value < data.length; value++) data[value] = level.data[value]! - data[value]!;
    return detail;
  });
}

export function downsample(images: PlanarImages): PlanarImages {
  return resampleSeparable(images, decimatingTaps(images.height), decimatingTaps(images.width));
}

/** Doubles the size (then crops to `height`×`width`, for levels whose sides were odd) by zero insertion and the binomial filter. */
export function upsample(images: PlanarImages, height: number, width: number): PlanarImages {
  return resampleSeparable(images, interpolatingTaps(height), interpolatingTaps(width));
}

/** Blur then keep every other pixel: output o reads input 2o-2 … 2o+2. */
function decimatingTaps(inputSize: number): AxisTaps {
  return axisTaps(inputSize, Math.ceil(inputSize / 2), (output) =>
    binomialTaps.map((weight, tap) => [mirrored(2 * output + tap - tapRadius, inputSize), weight]),
  );
}

/** Blur of the zero-inserted image, keeping only the taps that land on an original pixel (two or three of the five). */
function interpolatingTaps(outputSize: number): AxisTaps {
  return axisTaps(Math.ceil(outputSize / 2), outputSize, (output) =>
    binomialTaps.flatMap((weight, tap): [number, number][] => {
      const spread = mirrored(output + tap - tapRadius, outputSize);
      return spread % 2 === 0 ? [[spread / 2, weight * upsamplingGain]] : [];
    }),
  );
}

/** The in-range index SciPy's "mirror" mode reads for `position` (d c b | a b c d | c b a). */
function mirrored(position: number, size: number): number {
  const period = 2 * (size - 1);
  if (period === 0) return 0;
  const index = ((position % period) + period) % period;
  return index < size ? index : period - index;
}
