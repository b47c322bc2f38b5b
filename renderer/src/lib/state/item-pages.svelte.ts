import { SvelteMap } from 'svelte/reactivity';
import type { DatasetItem, Domain } from '../../../../preload/contract';
import type { Studio } from '../api';
import { pagesCovering } from '../grid-window';

export interface ItemFilter {
  /** A class; null for unlabelled items; absent for all. */
  readonly classLabel?: string | null;
  readonly domain?: Domain;
}

/** Items per request: a few screens of thumbnails, well under the API's limit of 1000. */
export const itemsPageSize = 200;

/**
 * A dataset's items as the grid scrolls over them: fetched a page at a time,
 * only the pages the grid shows, and kept while the dataset is open. A
 * 50,000-item dataset never has to be read whole.
 */
export class ItemPages {
  dataset = $state<string | null>(null);
  filter = $state.raw<ItemFilter>({});
  total = $state(0);
  /** True until the first page of this dataset and filter has arrived. */
  loading = $state(false);
  error = $state<string | null>(null);

  readonly #studio: Studio;
  readonly #pages = new SvelteMap<number, readonly DatasetItem[]>();
  /** Pages read since the last reload; others are shown but read again when seen. */
  readonly #fresh = new Set<number>();
  readonly #inFlight = new Map<number, Promise<void>>();
  /**
   * Bumped by every change of dataset, filter or contents: answers to older
   * requests are dropped. Reactive, so a grid asking for its pages asks again
   * after a reload.
   */
  #generation = $state(0);

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  /** Shows another dataset or filter from the start. */
  show(dataset: string | null, filter: ItemFilter = {}): void {
    this.dataset = dataset;
    this.filter = filter;
    this.total = 0;
    this.#pages.clear();
    this.#restart();
    this.loading = dataset !== null;
    if (dataset !== null) void this.#fetch(0);
  }

  /** The dataset changed (an import): read the pages again, keeping the old ones on screen until then. */
  reload(): void {
    if (this.dataset === null) return;
    this.#restart();
    void this.#fetch(0);
  }

  itemAt(index: number): DatasetItem | undefined {
    return this.#pages.get(Math.floor(index / itemsPageSize))?.[index % itemsPageSize];
  }

  /** Makes sure the items first..end-1 are (being) read. */
  ensure(firstIndex: number, endIndex: number): void {
    void this.#generation;
    for (const page of pagesCovering(firstIndex, endIndex, itemsPageSize)) {
      if (!this.#fresh.has(page) && !this.#inFlight.has(page)) void this.#fetch(page);
    }
  }

  /** The item at `index`, reading its page first when it is not here yet. */
  async load(index: number): Promise<DatasetItem | undefined> {
    const page = Math.floor(index / itemsPageSize);
    if (!this.#pages.has(page)) await (this.#inFlight.get(page) ?? this.#fetch(page));
    return this.itemAt(index);
  }

  /**
   * Where the item with this id is in the current list, or null when the
   * filter hides it. Items come in id order, so a binary search of single-item
   * reads finds it in a few requests even in a large dataset.
   */
  async indexOf(id: number): Promise<number | null> {
    for (const [page, items] of this.#pages) {
      const at = items.findIndex((item) => item.id === id);
      if (at >= 0) return page * itemsPageSize + at;
    }
    const dataset = this.dataset;
    const generation = this.#generation;
    if (dataset === null) return null;
    let low = 0;
    let high = this.total - 1;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      const { items } = await this.#studio.datasets.items({ dataset, offset: middle, limit: 1, ...this.filter });
      if (generation !== this.#generation) return null;
      const item = items[0];
      if (!item) return null;
      if (item.id === id) return middle;
      if (item.id < id) low = middle + 1;
      else high = middle - 1;
    }
    return null;
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
    const dataset = this.dataset;
    if (dataset === null) return;
    const generation = this.#generation;
    try {
      const result = await this.#studio.datasets.items({ dataset, offset: page * itemsPageSize, limit: itemsPageSize, ...this.filter });
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
    for (const page of [...this.#pages.keys()]) if (page * itemsPageSize >= total) this.#pages.delete(page);
  }
}
