/** Images as bytes (what files, caches and the main process deal in) and as the [-1, 1] tensors the networks take. */
import * as tf from '@tensorflow/tfjs-core';
import { imagesToPixels } from '../latent/generate';
import type { ImageBatch } from '../metrics/image-batch';

/** Bytes 0–255 NHWC → float32 [n, h, w, c] in [-1, 1]. */
export function tensorOf(images: ImageBatch): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.div(tf.tensor4d(Float32Array.from(images.pixels), [images.count, images.height, images.width, images.channels]), 127.5), 1) as tf.Tensor4D);
}

/** [n, h, w, c] in [-1, 1] → bytes, rounded and clipped. */
export function pixelsOf(images: tf.Tensor4D): ImageBatch {
  const [count, height, width, channels] = images.shape;
  const bytes = tf.tidy(() => imagesToPixels(images).dataSync());
  return { count, height, width, channels, pixels: Uint8Array.from(bytes) };
}

/** Images `start` … `start + count − 1` of a batch. */
export function imagesOf(images: ImageBatch, start: number, count: number): ImageBatch {
  const bytes = images.height * images.width * images.channels;
  return { ...images, count, pixels: images.pixels.subarray(start * bytes, (start + count) * bytes) };
}

/** Grey images as three equal channels (colour ones pass through), so grey and colour can share a grid. */
export function asColour(images: ImageBatch): ImageBatch {
  if (images.channels === 3) return images;
  if (images.channels !== 1) throw new RangeError(`only grey or colour images, not ${images.channels}-channel ones`);
  const pixels = new Uint8Array(images.pixels.length * 3);
  images.pixels.forEach((value, index) => pixels.fill(value, 3 * index, 3 * index + 3));
  return { ...images, channels: 3, pixels };
}

/** Images of several batches in turn — a[0], b[0], c[0], a[1], … — for rows of a grid. */
export function interleave(batches: readonly ImageBatch[]): ImageBatch {
  const colour = batches.some((batch) => batch.channels === 3);
  const shaped = batches.map((batch) => (colour ? asColour(batch) : batch));
  const [first] = shaped;
  if (!first || shaped.some((batch) => batch.count !== first.count || batch.height !== first.height || batch.width !== first.width)) {
    throw new RangeError('only batches of as many images of one size can be interleaved');
  }
  const bytes = first.height * first.width * first.channels;
  const pixels = new Uint8Array(bytes * first.count * shaped.length);
  for (let image = 0; image < first.count; image++) {
    shaped.forEach((batch, column) => pixels.set(batch.pixels.subarray(image * bytes, (image + 1) * bytes), (image * shaped.length + column) * bytes));
  }
  return { ...first, count: first.count * shaped.length, pixels };
}

/** The images of several batches one after another, in colour if any is. */
export function concatenate(batches: readonly ImageBatch[]): ImageBatch {
  const colour = batches.some((batch) => batch.channels === 3);
  const shaped = batches.map((batch) => (colour ? asColour(batch) : batch));
  const [first] = shaped;
  if (!first || shaped.some((batch) => batch.height !== first.height || batch.width !== first.width)) throw new RangeError('only images of one size can be put together');
  const pixels = new Uint8Array(shaped.reduce((sum, batch) => sum + batch.pixels.length, 0));
  let offset = 0;
  for (const batch of shaped) {
    pixels.set(batch.pixels, offset);
    offset += batch.pixels.length;
  }
  return { ...first, count: shaped.reduce((sum, batch) => sum + batch.count, 0), pixels };
}
