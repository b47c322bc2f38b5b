/**
 * A path through the latent space: keyframes visited in order, each segment
 * linear or spherical and eased, optionally closing the loop back to the
 * first. Frames of an animation are evenly spaced positions along it.
 */
import type { Easing, InterpolationMode } from '../../../preload/contract';
import type { LatentCode } from './code';
import { ease } from './easing';
import { lerp, slerp } from './vectors';

export interface LatentPath {
  readonly keyframes: readonly LatentCode[];
  readonly mode: InterpolationMode;
  readonly easing: Easing;
  readonly loop: boolean;
}

/** The latent at `at` (0 = first keyframe, 1 = the last, or the first again when looping). */
export function pointOnPath(path: LatentPath, at: number): LatentCode {
  const stops = path.loop ? [...path.keyframes, path.keyframes[0]!] : path.keyframes;
  const segments = stops.length - 1;
  const position = Math.min(1, Math.max(0, at)) * segments;
  const segment = Math.min(segments - 1, Math.floor(position));
  const from = stops[segment]!;
  const to = stops[segment + 1]!;
  const t = ease(path.easing, position - segment);
  const vector = (path.mode === 'spherical' ? slerp : lerp)(from.vector, to.vector, t);
  // A class cannot be half one and half another: it switches at the segment's midpoint.
  return { vector, class: t < 0.5 ? from.class : to.class };
}

/**
 * `frames` evenly spaced points. A looping animation leaves out the point at
 * 1, which is the first frame again: played on repeat, no frame shows twice.
 */
export function pathFrames(path: LatentPath, frames: number): LatentCode[] {
  const spacing = path.loop ? frames : frames - 1;
  return Array.from({ length: frames }, (_, index) => pointOnPath(path, index / spacing));
}
