/**
 * Selecting images in a grid as file managers do: a click selects one, Ctrl
 * (or ⌘) adds or removes one, Shift selects the run from the last plain or
 * Ctrl click (the anchor) to here.
 */

export interface GridSelection {
  /** Ascending indices into the grid. */
  readonly indices: readonly number[];
  readonly anchor: number | null;
}

export const emptySelection: GridSelection = { indices: [], anchor: null };

export interface ClickModifiers {
  readonly shift: boolean;
  readonly toggle: boolean;
}

export function selectWith(selection: GridSelection, index: number, { shift, toggle }: ClickModifiers): GridSelection {
  if (shift && selection.anchor !== null) {
    const from = Math.min(selection.anchor, index);
    const to = Math.max(selection.anchor, index);
    const range = Array.from({ length: to - from + 1 }, (_, offset) => from + offset);
    const kept = toggle ? selection.indices : [];
    return { indices: [...new Set([...kept, ...range])].sort((a, b) => a - b), anchor: selection.anchor };
  }
  if (toggle) {
    const has = selection.indices.includes(index);
    const indices = has ? selection.indices.filter((other) => other !== index) : [...selection.indices, index].sort((a, b) => a - b);
    return { indices, anchor: index };
  }
  return { indices: [index], anchor: index };
}
