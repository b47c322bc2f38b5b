/**
 * Area resampling: each output pixel is the mean of the input area it covers.
 * Distances between downsampled images then compare local averages, which is
 * what makes them robust to a pixel of jitter, and a 2× reduction is exactly
 * the mean of each 2×2 block. Upsampling (28 → 32, say) degrades to box
 * interpolation, which is all a distance on thumbnails needs.
 */
import type { PlanarImages } from './image-batch';
import { axisTaps, resampleSeparable, type AxisTaps } from './separable-resample';

export function resampleArea(images: PlanarImages, height: number, width: number): PlanarImages {
  if (images.height === height && images.width === width) return images;
  return resampleSeparable(images, areaTaps(images.height, height), areaTaps(images.width, width));
}

/** Output pixel o covers input [o·scale, (o+1)·scale); each input pixel weighs by how much of it lies inside. */
function areaTaps(inputSize: number, outputSize: number): AxisTaps {
  const scale = inputSize / outputSize;
  return axisTaps(inputSize, outputSize, (output) => {
    const start = output * scale;
    const end = start + scale;
    const taps: [number, number][] = [];
    for (let input = Math.floor(start); input < Math.min(inputSize, Math.ceil(end)); input++) {
      taps.push([input, (Math.min(end, input + 1) - Math.max(start, input)) / scale]);
    }
    return taps;
  });
}
