import { SvelteSet } from 'svelte/reactivity';
import { rangeOf } from '../gallery-filters';

/**
 * Which outputs are selected, by id (indexes shift as curation changes the
 * list), and the cell the keys move from. Click selects one, Ctrl or Cmd
 * toggles, Shift extends from the anchor — as in every file manager.
 */
export class GallerySelection {
  readonly ids = new SvelteSet<number>();
  /** The cell the keyboard is on. */
  current = $state<number | null>(null);
  #anchor: number | null = null;

  get count(): number {
    return this.ids.size;
  }

  has(id: number): boolean {
    return this.ids.has(id);
  }

  /** A click or key on the cell at `index` holding output `id`; `idsInOrder` gives the list's ids when a range needs them. */
  async pick(index: number, id: number, how: { toggle: boolean; extend: boolean }, idsInOrder: () => Promise<readonly number[]>): Promise<void> {
    this.current = index;
    if (how.extend && this.#anchor !== null) {
      const range = rangeOf(await idsInOrder(), this.#anchor, index);
      if (!how.toggle) this.ids.clear();
      for (const each of range) this.ids.add(each);
      return;
    }
    this.#anchor = index;
    if (how.toggle) {
      if (this.ids.has(id)) this.ids.delete(id);
      else this.ids.add(id);
      return;
    }
    this.ids.clear();
    this.ids.add(id);
  }

  selectAll(ids: readonly number[]): void {
    this.ids.clear();
    for (const id of ids) this.ids.add(id);
  }

  clear(): void {
    this.ids.clear();
    this.#anchor = null;
  }

  /** Forgets ids the list no longer shows (trashed, filtered away). */
  keepOnly(ids: readonly number[]): void {
    const known = new Set(ids);
    for (const id of [...this.ids]) if (!known.has(id)) this.ids.delete(id);
  }
}
