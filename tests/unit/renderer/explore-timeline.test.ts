import { describe, expect, it } from 'vitest';
import { atOfFrame, frameAt, frameDelayMs, frameIntervals, playStart, stepFrames } from '../../../renderer/src/lib/explore-timeline';

describe('interpolation timeline', () => {
  it('spaces an open path’s frames from 0 to 1 inclusive and a loop’s short of 1', () => {
    expect(frameIntervals(60, false)).toBe(59);
    expect(frameIntervals(60, true)).toBe(60);
    expect(atOfFrame(59, 60, false)).toBe(1);
    expect(atOfFrame(30, 60, true)).toBe(0.5);
  });

  it('names the frame nearest a position; 1 on a loop is its first frame again', () => {
    expect(frameAt(0.5, 5, false)).toBe(2);
    expect(frameAt(0.49, 5, false)).toBe(2);
    expect(frameAt(1, 4, true)).toBe(0);
    expect(frameAt(0.8, 4, true)).toBe(3);
  });

  it('steps an open path to its end and says so, and wraps a loop', () => {
    expect(stepFrames(0, 5, false, 1)).toEqual({ at: 0.25, ended: false });
    expect(stepFrames(0.75, 5, false, 1)).toEqual({ at: 1, ended: true });
    expect(stepFrames(1, 5, false, 1)).toEqual({ at: 1, ended: true });
    expect(stepFrames(0.25, 5, false, -1)).toEqual({ at: 0, ended: true });
    expect(stepFrames(0.75, 4, true, 1)).toEqual({ at: 0, ended: false });
    expect(stepFrames(0, 4, true, -1)).toEqual({ at: 0.75, ended: false });
  });

  it('plays an open path from the start again once it has ended', () => {
    expect(playStart(1, 60, false)).toBe(0);
    expect(playStart(0.5, 60, false)).toBe(0.5);
    expect(playStart(0.98, 60, true)).toBe(0.98);
  });

  it('turns frames per second into a delay, within the API’s 1–60 fps', () => {
    expect(frameDelayMs(25)).toBe(40);
    expect(frameDelayMs(500)).toBeCloseTo(1000 / 60);
    expect(frameDelayMs(0)).toBe(1000);
  });
});
