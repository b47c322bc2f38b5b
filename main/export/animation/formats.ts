/** The animation formats Explore offers, and whether this machine can write each. */
import type { AnimationFormatInfo } from '../../../preload/contract';
import { ffmpegMissing, findFfmpeg } from './ffmpeg';

export async function animationFormats(): Promise<readonly AnimationFormatInfo[]> {
  const ffmpeg = await findFfmpeg();
  return [
    { format: 'webp', label: 'Animated WebP', available: true, reason: null },
    { format: 'gif', label: 'GIF', available: true, reason: null },
    { format: 'apng', label: 'Animated PNG (APNG)', available: true, reason: null },
    { format: 'png', label: 'PNG sequence (ZIP)', available: true, reason: null },
    { format: 'mp4', label: 'MP4 video (H.264)', available: ffmpeg !== null, reason: ffmpeg === null ? ffmpegMissing : null },
  ];
}
