/**
 * The interpolation timeline: a position `at` from 0 to 1 along the path, in
 * steps of one animation frame, so what the scrubber shows is a frame the
 * export will contain. A looping path leaves out the frame at 1 (it is the
 * first again), as the export does.
 */

/** Intervals between frames: the frame at 1 is left out of a loop. */
export function frameIntervals(frames: number, loop: boolean): number {
  return Math.max(1, loop ? frames : frames - 1);
}

/** The frame (0-based) nearest to `at`. */
export function frameAt(at: number, frames: number, loop: boolean): number {
  const index = Math.round(at * frameIntervals(frames, loop));
  return loop ? index % Math.max(1, frames) : Math.min(frames - 1, Math.max(0, index));
}

export function atOfFrame(frame: number, frames: number, loop: boolean): number {
  return Math.min(1, Math.max(0, frame / frameIntervals(frames, loop)));
}

export interface TimelineStep {
  readonly at: number;
  /** An open path reached its end: playback stops there. */
  readonly ended: boolean;
}

/** `delta` frames on from `at`: a loop wraps around, an open path stops at its ends. */
export function stepFrames(at: number, frames: number, loop: boolean, delta: number): TimelineStep {
  const frame = frameAt(at, frames, loop) + delta;
  if (loop) {
    const wrapped = ((frame % frames) + frames) % frames;
    return { at: atOfFrame(wrapped, frames, loop), ended: false };
  }
  const last = frames - 1;
  const clamped = Math.min(last, Math.max(0, frame));
  return { at: atOfFrame(clamped, frames, loop), ended: clamped === (delta >= 0 ? last : 0) };
}

/** Where Play starts: from the start again when an open path sits at its end. */
export function playStart(at: number, frames: number, loop: boolean): number {
  return !loop && frameAt(at, frames, loop) >= frames - 1 ? 0 : at;
}

/** Milliseconds between frames at `fps`. */
export function frameDelayMs(fps: number): number {
  return 1000 / Math.min(60, Math.max(1, fps));
}
