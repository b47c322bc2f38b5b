import type { GalleryCollection, GalleryDetail, GalleryFacets, GalleryItem, GallerySort, NearDuplicatesReport } from '../../../../preload/contract';
import type { Studio } from '../api';
import { noFilters, requestFilters, type FilterDraft } from '../gallery-filters';
import { GallerySelection } from './gallery-selection.svelte';
import { PagedList } from './paged-list.svelte';
import { TrackedJob } from './tracked-job.svelte';

/** Thumbnails per request: a few screens of the grid. */
export const galleryPageSize = 300;

/** What the Gallery hands to other views: each opens its view with the output taken up. */
export interface GalleryHandOff {
  openInExplore(detail: GalleryDetail): Promise<void>;
  openInTranslate(detail: GalleryDetail): Promise<void>;
  openInTrain(detail: GalleryDetail): void;
  exportSelection(outputIds: readonly number[], label: string): void;
}

/**
 * Everything the Gallery view works with: the filters and sort, the list
 * they give (paged), the selection, the output open in the viewer, the
 * collections, the comparison and the near-duplicate finder. Curation goes
 * through here so the list, the facets and the viewer stay in step.
 */
export class GalleryWorkspace {
  draft = $state.raw<FilterDraft>(noFilters);
  sort = $state<GallerySort>('newest');
  facets = $state.raw<GalleryFacets | null>(null);
  collections = $state.raw<readonly GalleryCollection[]>([]);
  readonly list = new PagedList<GalleryItem>(galleryPageSize);
  readonly selection = new GallerySelection();
  /** The output in the large viewer. */
  viewing = $state.raw<GalleryDetail | null>(null);
  /** Two to four outputs side by side. */
  comparing = $state.raw<readonly GalleryDetail[]>([]);
  /** The lineage panel's output. */
  lineageOf = $state<number | null>(null);
  readonly duplicates: TrackedJob<NearDuplicatesReport>;
  /** What the last action did, read out politely ("3 outputs moved to the trash"). */
  notice = $state('');
  error = $state<string | null>(null);

  readonly #studio: Studio;
  readonly handOff: GalleryHandOff;
  #ids: { readonly key: string; readonly ids: Promise<readonly number[]> } | null = null;

  constructor(studio: Studio, handOff: GalleryHandOff) {
    this.#studio = studio;
    this.handOff = handOff;
    this.duplicates = new TrackedJob(studio);
    studio.onProjectChanged(() => {
      this.draft = noFilters;
      this.selection.clear();
      this.viewing = null;
      this.comparing = [];
      this.duplicates.clear();
      void this.watch();
    });
  }

  /** The sort the list is in: a collection's own order when one is shown and nothing else was asked. */
  get effectiveSort(): GallerySort {
    return this.sort === 'position' && this.draft.collectionId === null ? 'newest' : this.sort;
  }

  /** The view is showing: outputs may have been made since the last visit. */
  async watch(): Promise<void> {
    this.#restartList();
    await this.refreshMenus();
  }

  async refreshMenus(): Promise<void> {
    try {
      [this.facets, this.collections] = await Promise.all([this.#studio.gallery.facets(), this.#studio.gallery.collections()]);
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  setFilters(draft: FilterDraft): void {
    // A board opens in its own order, as its owner arranged it (another sort can still be chosen).
    if (draft.collectionId !== null && draft.collectionId !== this.draft.collectionId) this.sort = 'position';
    if (draft.collectionId === null && this.sort === 'position') this.sort = 'newest';
    this.draft = draft;
    this.selection.clear();
    this.#restartList();
  }

  setSort(sort: GallerySort): void {
    this.sort = sort;
    this.#restartList();
  }

  /** Every id of the list in order (cached per list): select all, shift-click ranges. */
  idsInOrder(): Promise<readonly number[]> {
    const filters = requestFilters(this.draft);
    const key = JSON.stringify([filters, this.effectiveSort, this.list.generation]);
    if (this.#ids?.key !== key) this.#ids = { key, ids: this.#studio.gallery.ids({ filters, sort: this.effectiveSort }) };
    return this.#ids.ids;
  }

  async selectAll(): Promise<void> {
    this.selection.selectAll(await this.idsInOrder());
  }

  async open(outputId: number): Promise<void> {
    try {
      this.viewing = await this.#studio.gallery.get({ outputId });
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Opens the output at a grid index (Enter, a double click). */
  async openAt(index: number): Promise<void> {
    const item = await this.list.load(index);
    if (item) await this.open(item.id);
  }

  /** The selected outputs side by side (2 to 4). */
  async compareSelected(): Promise<void> {
    const ids = [...this.selection.ids].slice(0, 4);
    if (ids.length < 2) {
      this.notice = 'Select two to four outputs to compare.';
      return;
    }
    await this.#act(async () => {
      this.comparing = await Promise.all(ids.map((outputId) => this.#studio.gallery.get({ outputId })));
    });
  }

  // ---------------------------------------------------------------- curation

  async rate(outputIds: readonly number[], rating: number): Promise<void> {
    await this.#curate(() => this.#studio.gallery.rate({ outputIds, rating }), (changed) => `${plural(changed)} rated ${rating === 0 ? 'none' : '★'.repeat(rating)}`);
  }

  async favourite(outputIds: readonly number[], favourite: boolean): Promise<void> {
    await this.#curate(() => this.#studio.gallery.favourite({ outputIds, favourite }), (changed) => `${plural(changed)} ${favourite ? 'added to' : 'removed from'} favourites`);
  }

  async tag(outputIds: readonly number[], change: { add?: readonly string[]; remove?: readonly string[] }): Promise<void> {
    await this.#curate(() => this.#studio.gallery.tag({ outputIds, ...change }), (changed) => `${plural(changed)} tagged`);
  }

  async note(outputId: number, notes: string): Promise<void> {
    await this.#curate(() => this.#studio.gallery.note({ outputId, notes }), () => 'Notes saved');
  }

  async trash(outputIds: readonly number[]): Promise<void> {
    await this.#curate(() => this.#studio.gallery.trash({ outputIds }), (changed) => `${plural(changed)} moved to the trash (Restore brings them back)`);
    this.selection.clear();
    if (this.viewing && outputIds.includes(this.viewing.id)) this.viewing = null;
  }

  async restore(outputIds: readonly number[]): Promise<void> {
    await this.#curate(() => this.#studio.gallery.restore({ outputIds }), (changed) => `${plural(changed)} restored`);
    this.selection.clear();
  }

  async emptyTrash(): Promise<void> {
    await this.#act(async () => {
      const result = await this.#studio.gallery.emptyTrash({});
      this.notice = `Deleted ${plural(result.removed)} for good`;
    });
    this.#afterChange();
  }

  // ---------------------------------------------------------------- collections

  async createCollection(name: string): Promise<GalleryCollection | null> {
    let created: GalleryCollection | null = null;
    await this.#act(async () => {
      created = await this.#studio.gallery.createCollection({ name });
      this.notice = `Collection “${name}” made`;
    });
    await this.refreshMenus();
    return created;
  }

  async renameCollection(collectionId: number, name: string): Promise<void> {
    await this.#act(() => this.#studio.gallery.renameCollection({ collectionId, name }));
    await this.refreshMenus();
  }

  async deleteCollection(collectionId: number): Promise<void> {
    await this.#act(() => this.#studio.gallery.deleteCollection({ collectionId }));
    if (this.draft.collectionId === collectionId) this.setFilters({ ...this.draft, collectionId: null });
    await this.refreshMenus();
  }

  async addToCollection(collectionId: number, outputIds: readonly number[]): Promise<void> {
    const name = this.collections.find((collection) => collection.id === collectionId)?.name ?? 'the collection';
    await this.#curate(() => this.#studio.gallery.addToCollection({ collectionId, outputIds }), (changed) => `${plural(changed)} added to ${name}`);
  }

  async removeFromCollection(collectionId: number, outputIds: readonly number[]): Promise<void> {
    await this.#curate(() => this.#studio.gallery.removeFromCollection({ collectionId, outputIds }), (changed) => `${plural(changed)} taken out of the collection`);
  }

  /** Drag and drop inside a collection shown in its own order: the dragged outputs go before the one dropped on. */
  async moveInCollection(outputIds: readonly number[], before: number | null): Promise<void> {
    const collectionId = this.draft.collectionId;
    if (collectionId === null) return;
    await this.#act(() => this.#studio.gallery.moveInCollection({ collectionId, outputIds, before }));
    this.#afterChange();
  }

  /** Looks for near-identical outputs over the whole gallery (a job the first time). */
  async findDuplicates(): Promise<void> {
    await this.duplicates.run((jobId) => this.#studio.gallery.nearDuplicates({ jobId }));
  }

  async #curate(call: () => Promise<{ changed: number }>, say: (changed: number) => string): Promise<void> {
    await this.#act(async () => {
      const { changed } = await call();
      this.notice = say(changed);
    });
    this.#afterChange();
  }

  async #act(call: () => Promise<unknown>): Promise<void> {
    this.error = null;
    try {
      await call();
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** After a change: the list and menus are read again, and the viewer shows the output as it is now. */
  #afterChange(): void {
    this.list.reload();
    this.#ids = null;
    void this.refreshMenus();
    const viewing = this.viewing;
    if (viewing) void this.open(viewing.id);
    if (this.comparing.length > 0) void Promise.all(this.comparing.map((detail) => this.#studio.gallery.get({ outputId: detail.id }))).then((details) => (this.comparing = details), () => {});
  }

  #restartList(): void {
    const filters = requestFilters(this.draft);
    const sort = this.effectiveSort;
    this.#ids = null;
    this.list.start(async (offset, limit) => this.#studio.gallery.query({ filters, sort, offset, limit }));
  }
}

function plural(count: number): string {
  return `${count.toLocaleString('en')} ${count === 1 ? 'output' : 'outputs'}`;
}
