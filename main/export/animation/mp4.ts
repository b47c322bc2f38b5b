/**
 * H.264 MP4 through the person's own ffmpeg: raw frames go in on stdin, the
 * video comes out in a temporary file, because MP4's index (moved to the
 * front with +faststart so players start at once) needs a seekable output.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StudioError } from '../../../preload/contract';
import type { FrameStack } from './frames';

/** Visually lossless for x264, still a fraction of the frames' size. */
const constantRateFactor = '18';
/** Enough of ffmpeg's complaints to tell what went wrong. */
const keptErrorChars = 2000;

export interface Mp4Options {
  readonly ffmpeg: string;
  readonly fps: number;
}

/** Frames must have even sides: yuv420p halves the colour planes. */
export async function encodeMp4(frames: FrameStack, options: Mp4Options): Promise<Buffer> {
  const { width, height, channels, pixels } = frames;
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError(`MP4 frames need even sides, not ${width}×${height}`);
  const folder = await mkdtemp(join(tmpdir(), 'latent-studio-mp4-'));
  const output = join(folder, 'animation.mp4');
  try {
    await runFfmpeg(options.ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-nostdin',
      '-f', 'rawvideo', '-pixel_format', channels === 1 ? 'gray' : 'rgb24', '-video_size', `${width}x${height}`,
      '-framerate', String(options.fps), '-i', 'pipe:0',
      '-c:v', 'libx264', '-preset', 'medium', '-crf', constantRateFactor, '-pix_fmt', 'yuv420p',
      '-movflags', '+faststart', '-y', output,
    ], pixels);
    return await readFile(output);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function runFfmpeg(ffmpeg: string, args: readonly string[], input: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['pipe', 'ignore', 'pipe'], windowsHide: true });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      errors = (errors + text).slice(-keptErrorChars);
    });
    // ffmpeg closes stdin when it gives up early; its exit status and stderr say why, not this EPIPE.
    child.stdin.on('error', () => {});
    child.on('error', (error) => reject(new StudioError('UNAVAILABLE', `ffmpeg at ${ffmpeg} could not be started: ${error.message}`, { cause: error })));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(ffmpegFailure(ffmpeg, errors, signal ?? `exit status ${code}`));
    });
    child.stdin.end(input);
  });
}

function ffmpegFailure(ffmpeg: string, errors: string, ending: string): StudioError {
  const details = errors.trim();
  if (/Unknown encoder 'libx264'|Encoder not found/i.test(details)) {
    return new StudioError('UNAVAILABLE', `The ffmpeg at ${ffmpeg} was built without the H.264 encoder (libx264), so it cannot make an MP4. Install an ffmpeg that includes libx264, or export as WebP, GIF or APNG.`);
  }
  return new StudioError('INTERNAL', `ffmpeg could not encode the MP4 (${ending})${details ? `: ${details}` : '.'}`);
}
