import { describe, expect, it } from 'vitest';
import { emptySelection, selectWith } from '../../../renderer/src/lib/explore-selection';
import { choiceOfImage, choiceOfSaved, imageLabel, isSeed } from '../../../renderer/src/lib/explore-sources';

const plain = { shift: false, toggle: false };
const ctrl = { shift: false, toggle: true };
const shift = { shift: true, toggle: false };

describe('grid selection', () => {
  it('selects one image with a plain click', () => {
    expect(selectWith({ indices: [1, 2], anchor: 1 }, 5, plain)).toEqual({ indices: [5], anchor: 5 });
  });

  it('adds and removes with Ctrl, moving the anchor', () => {
    const two = selectWith(selectWith(emptySelection, 3, plain), 1, ctrl);
    expect(two).toEqual({ indices: [1, 3], anchor: 1 });
    expect(selectWith(two, 3, ctrl)).toEqual({ indices: [1], anchor: 3 });
  });

  it('selects the run from the anchor with Shift, in either direction', () => {
    const anchored = selectWith(emptySelection, 4, plain);
    expect(selectWith(anchored, 1, shift)).toEqual({ indices: [1, 2, 3, 4], anchor: 4 });
    expect(selectWith(selectWith(anchored, 1, shift), 6, shift).indices).toEqual([4, 5, 6]);
    // Ctrl+Shift adds the run to what was selected.
    expect(selectWith(selectWith(anchored, 0, ctrl), 2, { shift: true, toggle: true }).indices).toEqual([0, 1, 2, 4]);
    expect(selectWith(emptySelection, 2, shift)).toEqual({ indices: [2], anchor: 2 });
  });
});

describe('latent choices', () => {
  it('uses an image’s output as its source and its seed as its name', () => {
    const image = { outputId: 7, blobHash: 'h', url: '/asset/blob/h', seed: 42, class: null };
    expect(choiceOfImage(image)).toEqual({ source: { kind: 'output', outputId: 7 }, label: 'Seed 42', imageUrl: '/asset/blob/h' });
    expect(imageLabel({ ...image, seed: null })).toBe('Output 7');
  });

  it('names a saved latent by its name', () => {
    const saved = { latentId: 3, name: 'Boot', latentSize: 64, class: null, checkpointId: 1, previewUrl: null, createdAt: 0 };
    expect(choiceOfSaved(saved)).toEqual({ source: { kind: 'saved', latentId: 3 }, label: 'Boot', imageUrl: null });
  });

  it('accepts only 32-bit whole numbers as seeds', () => {
    expect(isSeed(0)).toBe(true);
    expect(isSeed(2 ** 32 - 1)).toBe(true);
    expect(isSeed(2 ** 32)).toBe(false);
    expect(isSeed(1.5)).toBe(false);
    expect(isSeed(null)).toBe(false);
  });
});
