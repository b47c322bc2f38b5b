/** Translation in inference mode, batch by batch: bytes in, bytes out. */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { ImageBatch } from '../metrics/image-batch';
import { concatenate, imagesOf, pixelsOf, tensorOf } from './image-tensors';

/** At most this many images through the generator at once. */
const batchSize = 8;

/** Each image through `generator` (dropout off, each image normalised by its own statistics). */
export function translatePixels(generator: tfl.LayersModel, images: ImageBatch): ImageBatch {
  const parts: ImageBatch[] = [];
  for (let start = 0; start < images.count; start += batchSize) {
    const input = tensorOf(imagesOf(images, start, Math.min(batchSize, images.count - start)));
    const output = generator.predict(input) as tf.Tensor4D;
    parts.push(pixelsOf(output));
    tf.dispose([input, output]);
  }
  if (parts.length === 0) throw new RangeError('no images to translate');
  return concatenate(parts);
}
