/**
 * Animated WebP and GIF through sharp (libvips). sharp builds an animation
 * from one raw image holding every frame stacked top to bottom, told the
 * height of a frame with `pageHeight`.
 */
import sharp, { type Sharp } from 'sharp';
import { checkFrameStack, type FrameStack } from './frames';

export interface SharpAnimationOptions {
  readonly delayMs: number;
  readonly loop: boolean;
}

/**
 * Lossy at quality 90: on generated frames, a tenth to a thirtieth of
 * lossless WebP's size and several times faster to write. Full-resolution
 * colour edges (smartSubsample) because exported frames are often upscaled
 * from a small model, where halved colour shows.
 */
export async function encodeWebp(frames: FrameStack, options: SharpAnimationOptions): Promise<Buffer> {
  return await stackedFrames(frames).webp({ ...timing(frames, options), quality: 90, smartSubsample: true, effort: 4 }).toBuffer();
}

/**
 * GIF has 256 colours a frame: libvips picks a palette per frame (reusing the
 * last one while it still fits) and dithers, which keeps gradients and faces
 * from banding. Effort 4 rather than the default 7: on 512-pixel frames it was
 * four times faster for a palette that looked the same. GIF keeps delays in
 * hundredths of a second, so 60 fps plays as 50.
 */
export async function encodeGif(frames: FrameStack, options: SharpAnimationOptions): Promise<Buffer> {
  return await stackedFrames(frames).gif({ ...timing(frames, options), colours: 256, effort: 4, dither: 1 }).toBuffer();
}

function stackedFrames(frames: FrameStack): Sharp {
  checkFrameStack(frames);
  const { count, width, height, channels, pixels } = frames;
  // The pixel limit guards against hostile files; these frames are our own, already in memory.
  return sharp(pixels, { raw: { width, height: height * count, channels, pageHeight: height }, limitInputPixels: false });
}

/** sharp applies a single delay to the first frame only, so every frame gets its own. */
function timing(frames: FrameStack, options: SharpAnimationOptions): { loop: number; delay: number[] } {
  return { loop: options.loop ? 0 : 1, delay: new Array<number>(frames.count).fill(options.delayMs) };
}
