import type { DatasetItem, Domain } from '../../../../preload/contract';
import type { Studio } from '../api';
import { PagedList } from './paged-list.svelte';

export interface ItemFilter {
  /** A class; null for unlabelled items; absent for all. */
  readonly classLabel?: string | null;
  readonly domain?: Domain;
}

/** Items per request: a few screens of thumbnails, well under the API's limit of 1000. */
export const itemsPageSize = 200;

/** A dataset's items as the grid scrolls over them, one filter at a time. */
export class ItemPages extends PagedList<DatasetItem> {
  dataset = $state<string | null>(null);
  filter = $state.raw<ItemFilter>({});

  readonly #studio: Studio;

  constructor(studio: Studio) {
    super(itemsPageSize);
    this.#studio = studio;
  }

  /** Shows another dataset or filter from the start. */
  show(dataset: string | null, filter: ItemFilter = {}): void {
    this.dataset = dataset;
    this.filter = filter;
    this.start(dataset === null ? null : (offset, limit) => this.#studio.datasets.items({ dataset, offset, limit, ...filter }));
  }

  /**
   * Where the item with this id is in the current list, or null when the
   * filter hides it. Items come in id order, so a binary search of single-item
   * reads finds it in a few requests even in a large dataset.
   */
  async indexOf(id: number): Promise<number | null> {
    const loaded = this.findLoaded((item) => item.id === id);
    if (loaded !== null) return loaded;
    const dataset = this.dataset;
    const generation = this.generation;
    if (dataset === null) return null;
    let low = 0;
    let high = this.total - 1;
    while (low <= high) {
      const middle = Math.floor((low + high) / 2);
      const { items } = await this.#studio.datasets.items({ dataset, offset: middle, limit: 1, ...this.filter });
      if (generation !== this.generation) return null;
      const item = items[0];
      if (!item) return null;
      if (item.id === id) return middle;
      if (item.id < id) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }
}
