/**
 * Turns the frames of a latent walk into one file: an animation, a video, or a
 * ZIP of numbered PNGs, at the side the person chose. Every frame is shown for
 * the same time, 1000 / fps milliseconds rounded.
 */
import { StudioError, type AnimationFormat } from '../../../preload/contract';
import { encodeApng } from './apng';
import { ffmpegMissing, findFfmpeg } from './ffmpeg';
import { checkFrameStack, resizeFrames, type FrameStack } from './frames';
import { encodeMp4 } from './mp4';
import { encodePngSequence } from './png-sequence';
import { encodeGif, encodeWebp } from './sharp-animation';

export interface AnimationOptions {
  readonly format: AnimationFormat;
  readonly fps: number;
  /** Repeat forever rather than play once; MP4 and PNG sequences leave this to the player. */
  readonly loop: boolean;
  /** Side of the exported frames in pixels; the frames' own width when absent. */
  readonly size?: number | undefined;
}

export interface EncodedAnimation {
  readonly bytes: Buffer;
  readonly mediaType: string;
  readonly extension: string;
  readonly frames: number;
  /** Side of the frames in pixels. */
  readonly size: number;
}

const minimumFps = 1;
const maximumFps = 60;

const fileTypes: Readonly<Record<AnimationFormat, { readonly mediaType: string; readonly extension: string }>> = {
  webp: { mediaType: 'image/webp', extension: 'webp' },
  gif: { mediaType: 'image/gif', extension: 'gif' },
  // .png, which every viewer opens: those that do not know APNG show the first frame.
  apng: { mediaType: 'image/apng', extension: 'png' },
  png: { mediaType: 'application/zip', extension: 'zip' },
  mp4: { mediaType: 'video/mp4', extension: 'mp4' },
};

/** Encodes the frames of one animation; chosen before any resizing, so a format this machine lacks fails at once. */
type Encoder = (frames: FrameStack) => Promise<Buffer>;

export async function encodeAnimation(frames: FrameStack, options: AnimationOptions): Promise<EncodedAnimation> {
  checkFrameStack(frames);
  const { format, fps } = options;
  if (!(fps >= minimumFps && fps <= maximumFps)) {
    throw new StudioError('INVALID_ARGUMENT', `fps must be between ${minimumFps} and ${maximumFps}, not ${fps}`);
  }
  const requestedSize = options.size ?? frames.width;
  if (!Number.isInteger(requestedSize) || requestedSize < 1) {
    throw new StudioError('INVALID_ARGUMENT', `size must be a whole number of pixels, at least 1, not ${requestedSize}`);
  }
  const encode = await encoderFor(options);
  // H.264 in yuv420p halves the colour planes, so an MP4 needs even sides: one pixel more, from the same resize.
  const size = format === 'mp4' && requestedSize % 2 === 1 ? requestedSize + 1 : requestedSize;
  const sized = frames.width === size && frames.height === size ? frames : await resizeFrames(frames, size);
  return { bytes: await encode(sized), ...fileTypes[format], frames: sized.count, size };
}

async function encoderFor({ format, fps, loop }: AnimationOptions): Promise<Encoder> {
  const timing = { delayMs: Math.round(1000 / fps), loop };
  switch (format) {
    case 'webp':
      return (frames) => encodeWebp(frames, timing);
    case 'gif':
      return (frames) => encodeGif(frames, timing);
    case 'apng':
      return (frames) => encodeApng(frames, timing);
    case 'png':
      return encodePngSequence;
    case 'mp4': {
      const ffmpeg = await findFfmpeg();
      if (ffmpeg === null) throw new StudioError('UNAVAILABLE', ffmpegMissing);
      return (frames) => encodeMp4(frames, { ffmpeg, fps });
    }
  }
}
