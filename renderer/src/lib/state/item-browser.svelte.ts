import type { DatasetItem } from '../../../../preload/contract';
import type { Studio } from '../api';
import { ItemPages, type ItemFilter } from './item-pages.svelte';

/**
 * The item grid's state: which items it lists (a dataset, a filter), which
 * cell is selected (moved by the arrow keys), and which item's details are
 * open (Enter, or a click).
 */
export class ItemBrowser {
  readonly pages: ItemPages;
  selectedIndex = $state<number | null>(null);
  opened = $state.raw<DatasetItem | null>(null);
  /** Why a linked item could not be shown. */
  notice = $state<string | null>(null);

  constructor(studio: Studio) {
    this.pages = new ItemPages(studio);
  }

  get selectedItem(): DatasetItem | undefined {
    return this.selectedIndex === null ? undefined : this.pages.itemAt(this.selectedIndex);
  }

  showDataset(name: string | null): void {
    this.selectedIndex = null;
    this.opened = null;
    this.notice = null;
    this.pages.show(name);
  }

  setFilter(filter: ItemFilter): void {
    this.selectedIndex = null;
    this.notice = null;
    this.pages.show(this.pages.dataset, filter);
  }

  /** The dataset's items changed: keep the selection where it is, read the pages again. */
  reload(): void {
    this.pages.reload();
  }

  select(index: number | null): void {
    this.selectedIndex = index;
    this.notice = null;
  }

  /** Opens the details of the selected item (or of the cell at `index`). */
  open(index: number | null = this.selectedIndex): void {
    if (index === null) return;
    this.select(index);
    const item = this.pages.itemAt(index);
    if (item) this.opened = item;
  }

  /**
   * Selects and opens an item by id — the near-duplicate link. When the
   * filter hides it, the filter is cleared so the item can be shown.
   */
  async openById(id: number): Promise<void> {
    let index = await this.pages.indexOf(id);
    if (index === null && (this.pages.filter.classLabel !== undefined || this.pages.filter.domain !== undefined)) {
      this.setFilter({});
      index = await this.pages.indexOf(id);
    }
    if (index === null) {
      this.notice = `Item ${id} is no longer in this dataset.`;
      return;
    }
    this.select(index);
    const item = await this.pages.load(index);
    if (item) this.opened = item;
  }
}
