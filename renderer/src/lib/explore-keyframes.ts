/** The keyframe list of an interpolation: pure operations on an ordered list, so reordering is unit-tested. */
import type { LatentChoice } from './explore-sources';

/** The API visits at most this many keyframes on one path. */
export const maxKeyframes = 64;

export interface Keyframe {
  /** Stable across moves, so the list animates and keeps focus on the moved item. */
  readonly id: number;
  readonly choice: LatentChoice;
}

/** Appends what fits under `maxKeyframes`; `nextId` numbers the new ones. */
export function appendKeyframes(list: readonly Keyframe[], choices: readonly LatentChoice[], nextId: number): Keyframe[] {
  const room = Math.max(0, maxKeyframes - list.length);
  return [...list, ...choices.slice(0, room).map((choice, offset) => ({ id: nextId + offset, choice }))];
}

/** Moves the keyframe at `index` by `delta` places, stopping at either end. */
export function moveKeyframe(list: readonly Keyframe[], index: number, delta: number): Keyframe[] {
  const target = Math.min(list.length - 1, Math.max(0, index + delta));
  if (index < 0 || index >= list.length || target === index) return [...list];
  const moved = [...list];
  const [item] = moved.splice(index, 1);
  moved.splice(target, 0, item!);
  return moved;
}

export function removeKeyframe(list: readonly Keyframe[], id: number): Keyframe[] {
  return list.filter((keyframe) => keyframe.id !== id);
}

/** Fills in an image rendered later for keyframes that had none. */
export function withImages(list: readonly Keyframe[], images: ReadonlyMap<number, string>): Keyframe[] {
  return list.map((keyframe) => {
    const imageUrl = images.get(keyframe.id);
    return imageUrl && !keyframe.choice.imageUrl ? { ...keyframe, choice: { ...keyframe.choice, imageUrl } } : keyframe;
  });
}
