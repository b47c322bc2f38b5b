/**
 * Small float copies of image sets for distance-based metrics (diversity,
 * memorisation), made a chunk at a time so that a 10,000-image training set
 * never exists as full-size floats: only the thumbnails are kept.
 */
import { checkImageBatch, toGrey, toPlanar, type ImageBatch, type PlanarImages } from './image-batch';
import { resampleArea } from './resample-area';

const imagesPerChunk = 512;

/** Each image area-resampled to `side`×`side` (aspect ratio is irrelevant to a distance), in [0, 1]; grey by Rec. 601 luma if asked. */
export function thumbnails(batch: ImageBatch, side: number, what: string, { grey = false } = {}): PlanarImages {
  checkImageBatch(batch, what);
  const { count, height, width, channels } = batch;
  const outputChannels = grey ? 1 : channels;
  const bytesPerImage = height * width * channels;
  const valuesPerThumbnail = outputChannels * side * side;
  const data = new Float32Array(count * valuesPerThumbnail);
  for (let first = 0; first < count; first += imagesPerChunk) {
    const chunkCount = Math.min(imagesPerChunk, count - first);
    const pixels = batch.pixels.subarray(first * bytesPerImage, (first + chunkCount) * bytesPerImage);
    const planar = toPlanar({ pixels, count: chunkCount, height, width, channels });
    const small = resampleArea(grey ? toGrey(planar) : planar, side, side);
    data.set(small.data, first * valuesPerThumbnail);
  }
  return { data, count, channels: outputChannels, height: side, width: side };
}
