import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../../preload/format';

describe('ETA formatting', () => {
  it.each([
    [0.4, 'under a second'],
    [40.2, '40 s'],
    [125, '2 min 5 s'],
    [3 * 3600 + 61, '3 h 1 min'],
  ])('%d seconds reads "%s"', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
