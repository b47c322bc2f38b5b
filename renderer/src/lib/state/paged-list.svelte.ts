import { SvelteMap } from 'svelte/reactivity';
import { pagesCovering } from '../grid-window';

/** One window of a long list, as the API answers it. */
export interface ListPage<Item> {
  readonly total: number;
  readonly items: readonly Item[];
}

export type PageReader<Item> = (offset: number, limit: number) => Promise<ListPage<Item>>;

/**
 * A long list (a dataset's items, the gallery) as a grid scrolls over it:
 * read a page at a time, only the pages the grid shows, and kept while the
 * list stays the same. A 100,000-item list never has to be read whole.
 */
export class PagedList<Item> {
  total = $state(0);
  /** True until the first page of this list has arrived. */
  loading = $state(false);
  error = $state<string | null>(null);

  readonly pageSize: number;
  readonly #pages = new SvelteMap<number, readonly Item[]>();
  /** Pages read since the last reload; others are shown but read again when seen. */
  readonly #fresh = new Set<number>();
  readonly #inFlight = new Map<number, Promise<void>>();
  #reader: PageReader<Item> | null = null;
  /**
   * Bumped by every change of list or contents: answers to older requests
   * are dropped. Reactive, so a grid asking for its pages asks again after a
   * reload.
   */
  #generation = $state(0);

  constructor(pageSize: number) {
    this.pageSize = pageSize;
  }

  /** Shows another list from the start (null: none). */
  start(reader: PageReader<Item> | null): void {
    this.#reader = reader;
    this.total = 0;
    this.#pages.clear();
    this.#restart();
    this.loading = reader !== null;
    if (reader) void this.#fetch(0);
  }

  /** The list changed: read the pages again, keeping the old ones on screen until then. */
  reload(): void {
    if (!this.#reader) return;
    this.#restart();
    void this.#fetch(0);
  }

  itemAt(index: number): Item | undefined {
    return this.#pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Makes sure the items first..end-1 are (being) read. */
  ensure(firstIndex: number, endIndex: number): void {
    void this.#generation;
    for (const page of pagesCovering(firstIndex, endIndex, this.pageSize)) {
      if (!this.#fresh.has(page) && !this.#inFlight.has(page)) void this.#fetch(page);
    }
  }

  /** The item at `index`, reading its page first when it is not here yet. */
  async load(index: number): Promise<Item | undefined> {
    const page = Math.floor(index / this.pageSize);
    if (!this.#pages.has(page)) await (this.#inFlight.get(page) ?? this.#fetch(page));
    return this.itemAt(index);
  }

  /** Where a loaded item is, or null when no loaded page holds it. */
  findLoaded(matches: (item: Item) => boolean): number | null {
    for (const [page, items] of this.#pages) {
      const at = items.findIndex(matches);
      if (at >= 0) return page * this.pageSize + at;
    }
    return null;
  }

  /** Bumped whenever the list starts again: a search made outside (ItemPages.indexOf) checks its answers against it. */
  get generation(): number {
    return this.#generation;
  }

  #restart(): void {
    this.#generation += 1;
    this.#fresh.clear();
    this.#inFlight.clear();
    this.error = null;
  }

  #fetch(page: number): Promise<void> {
    const fetching = this.#read(page);
    this.#inFlight.set(page, fetching);
    return fetching;
  }

  async #read(page: number): Promise<void> {
    const reader = this.#reader;
    if (!reader) return;
    const generation = this.#generation;
    try {
      const result = await reader(page * this.pageSize, this.pageSize);
      if (generation !== this.#generation) return;
      this.#pages.set(page, result.items);
      this.#fresh.add(page);
      if (this.total !== result.total) this.#forgetPagesBeyond(result.total);
      this.total = result.total;
      this.error = null;
    } catch (error) {
      if (generation === this.#generation) this.error = (error as Error).message;
    } finally {
      if (generation === this.#generation) {
        this.#inFlight.delete(page);
        this.loading = false;
      }
    }
  }

  /** After the list shrank, pages past its end would show items that are gone. */
  #forgetPagesBeyond(total: number): void {
    for (const page of [...this.#pages.keys()]) if (page * this.pageSize >= total) this.#pages.delete(page);
  }
}
