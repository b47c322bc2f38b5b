/**
 * The image formats the quality metrics work on. The training engine hands
 * them bytes (what a generated tensor becomes once clipped and quantised), so
 * the metrics never depend on a TensorFlow.js backend and tests can feed them
 * plain arrays. Inside, they work on planar floats, one plane per channel, which
 * keeps filters and patch reads to simple strided loops.
 */

/** Images as the engine exports them: NHWC, one byte per channel, 0..255. */
export interface ImageBatch {
  readonly pixels: Uint8Array;
  readonly count: number;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** NCHW floats in [0, 1] (or differences of such, for Laplacian levels). */
export interface PlanarImages {
  readonly data: Float32Array;
  readonly count: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
}

export function checkImageBatch(batch: ImageBatch, what: string): void {
  const { count, height, width, channels, pixels } = batch;
  const sizes = { count, height, width, channels };
  for (const [name, size] of Object.entries(sizes)) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`${what}: ${name} must be a whole number of at least 1, not ${size}`);
  }
  const expected = count * height * width * channels;
  if (pixels.length !== expected) {
    throw new RangeError(`${what}: ${count} images of ${width}×${height}×${channels} need ${expected} bytes, but ${pixels.length} were given`);
  }
}

/** NHWC bytes → NCHW floats in [0, 1]. */
export function toPlanar(batch: ImageBatch): PlanarImages {
  const { pixels, count, height, width, channels } = batch;
  const plane = height * width;
  const data = new Float32Array(count * channels * plane);
  for (let image = 0; image < count; image++) {
    const source = image * plane * channels;
    for (let channel = 0; channel < channels; channel++) {
      const target = (image * channels + channel) * plane;
      for (let pixel = 0; pixel < plane; pixel++) data[target + pixel] = pixels[source + pixel * channels + channel]! / 255;
    }
  }
  return { data, count, channels, height, width };
}

/** Rec. 601 luma, the weighting the dataset tools use for grey thumbnails; grey images pass through. */
export function toGrey(images: PlanarImages): PlanarImages {
  const { data, count, channels, height, width } = images;
  if (channels === 1) return images;
  if (channels !== 3) throw new RangeError(`only 1- or 3-channel images can be made grey, not ${channels}-channel ones`);
  const plane = height * width;
  const grey = new Float32Array(count * plane);
  for (let image = 0; image < count; image++) {
    const red = image * 3 * plane;
    for (let pixel = 0; pixel < plane; pixel++) {
      grey[image * plane + pixel] = 0.299 * data[red + pixel]! + 0.587 * data[red + plane + pixel]! + 0.114 * data[red + 2 * plane + pixel]!;
    }
  }
  return { data: grey, count, channels: 1, height, width };
}
