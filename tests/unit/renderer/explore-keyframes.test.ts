import { describe, expect, it } from 'vitest';
import { appendKeyframes, maxKeyframes, moveKeyframe, removeKeyframe, withImages, type Keyframe } from '../../../renderer/src/lib/explore-keyframes';
import { choiceOfSeed } from '../../../renderer/src/lib/explore-sources';

const ids = (list: readonly Keyframe[]) => list.map((keyframe) => keyframe.id);

describe('keyframe list', () => {
  const three = appendKeyframes([], [choiceOfSeed(1), choiceOfSeed(2), choiceOfSeed(3)], 10);

  it('appends with fresh ids, up to the API’s limit', () => {
    expect(ids(three)).toEqual([10, 11, 12]);
    expect(three[2]!.choice.label).toBe('Seed 3');
    const full = appendKeyframes([], Array.from({ length: maxKeyframes + 5 }, (_, n) => choiceOfSeed(n)), 0);
    expect(full).toHaveLength(maxKeyframes);
    expect(appendKeyframes(full, [choiceOfSeed(99)], 500)).toHaveLength(maxKeyframes);
  });

  it('moves a keyframe up or down, stopping at either end', () => {
    expect(ids(moveKeyframe(three, 0, 1))).toEqual([11, 10, 12]);
    expect(ids(moveKeyframe(three, 2, -2))).toEqual([12, 10, 11]);
    expect(ids(moveKeyframe(three, 2, 1))).toEqual([10, 11, 12]);
    expect(ids(moveKeyframe(three, 5, -1))).toEqual([10, 11, 12]);
  });

  it('removes by id', () => {
    expect(ids(removeKeyframe(three, 11))).toEqual([10, 12]);
  });

  it('fills in images rendered later without replacing known ones', () => {
    const known = appendKeyframes(three, [{ ...choiceOfSeed(4), imageUrl: '/asset/blob/x' }], 13);
    const filled = withImages(known, new Map([[10, 'data:a'], [13, 'data:b']]));
    expect(filled.map((keyframe) => keyframe.choice.imageUrl)).toEqual(['data:a', null, null, '/asset/blob/x']);
  });
});
