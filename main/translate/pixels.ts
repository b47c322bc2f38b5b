/**
 * The translation's image work in the main process, with sharp: the source
 * brought to the working size and the model's colours, and the result brought
 * back to the source's size, blended with it by strength, as PNG.
 */
import sharp from 'sharp';
import type { ImageBatch } from '../engine/metrics/image-batch';
import { rawImage } from '../images/raw-image';

/**
 * Transparent parts become white: a drawing's empty canvas is white paper,
 * and photos with an alpha channel are rare enough that white is as good as any.
 */
const background = '#ffffff';

/** `bytes` (any format sharp reads) stretched to width × height, grey or colour: what the engine takes. */
export async function rawPixels(bytes: Buffer, width: number, height: number, channels: 1 | 3): Promise<ImageBatch> {
  let pipeline = sharp(bytes).autoOrient().flatten({ background }).resize(width, height, { fit: 'fill', kernel: 'lanczos3' });
  pipeline = channels === 1 ? pipeline.toColourspace('b-w') : pipeline.toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== channels) throw new Error(`the image decoded to ${info.channels} channels where ${channels} were wanted`);
  return { count: 1, height, width, channels, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Raw pixels resized, with the same channels. */
export async function resizeRaw(image: ImageBatch, width: number, height: number): Promise<ImageBatch> {
  if (image.width === width && image.height === height) return image;
  const { data } = await rawImage(image.pixels, image.width, image.height, image.channels as 1 | 3)
    .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { ...image, width, height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** original · (1 − strength) + translated · strength, pixel by pixel; both the same size and channels. */
export function blend(original: ImageBatch, translated: ImageBatch, strength: number): ImageBatch {
  if (strength >= 1) return translated;
  if (original.pixels.length !== translated.pixels.length) throw new RangeError('only images of one size and colour can be blended');
  const pixels = new Uint8Array(translated.pixels.length);
  for (let index = 0; index < pixels.length; index++) pixels[index] = Math.round(original.pixels[index]! + strength * (translated.pixels[index]! - original.pixels[index]!));
  return { ...translated, pixels };
}

export function pngOf(image: ImageBatch): Promise<Buffer> {
  return rawImage(image.pixels, image.width, image.height, image.channels as 1 | 3).png().toBuffer();
}
