/**
 * The frames an animation is made from, as the generator hands them over, and
 * their resizing to the side the person asked for.
 */
import sharp from 'sharp';
import { checkImageBatch, type ImageBatch } from '../../engine/metrics/image-batch';

/** count × height × width × channels bytes, NHWC: the engine's image batch, narrowed to what every encoder writes. */
export interface FrameStack extends ImageBatch {
  readonly channels: 1 | 3;
}

export function checkFrameStack(frames: FrameStack): void {
  checkImageBatch(frames, 'animation frames');
}

/** One frame's bytes, a view into the stack. */
export function frameAt(frames: FrameStack, index: number): Uint8Array {
  const frameBytes = frames.height * frames.width * frames.channels;
  return frames.pixels.subarray(index * frameBytes, (index + 1) * frameBytes);
}

/**
 * Every frame resized to size × size with lanczos3. Frames are resized one by
 * one: sharp resizes a raw strip of frames (`pageHeight`) as a single tall
 * image, squashing all the frames into one.
 */
export async function resizeFrames(frames: FrameStack, size: number): Promise<FrameStack> {
  checkFrameStack(frames);
  const { width, height, channels, count } = frames;
  const resized = await Promise.all(Array.from({ length: count }, (_, index) => {
    const frame = sharp(frameAt(frames, index), { raw: { width, height, channels } }).resize(size, size, { kernel: 'lanczos3' });
    // sharp turns one-channel input into sRGB on output; grey frames stay grey.
    return (channels === 1 ? frame.toColourspace('b-w') : frame).raw().toBuffer();
  }));
  const pixels = new Uint8Array(count * size * size * channels);
  resized.forEach((frame, index) => pixels.set(frame, index * frame.length));
  return { count, width: size, height: size, channels, pixels };
}
