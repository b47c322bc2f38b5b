import type { ExportSelection, GalleryCollection } from '../../../../preload/contract';
import type { Studio } from '../api';
import { parseOutputIds } from '../export-request';
import { countOf } from '../formatting';

/** Where the images to export come from. */
export type SourceKind = 'selection' | 'collection' | 'ids';

/** A selection the Gallery handed over: its outputs in order, and how to name it. */
export interface HandedSelection {
  readonly outputIds: readonly number[];
  /** "12 images from the gallery". */
  readonly label: string;
}

/**
 * What the Export view's images, contact sheet and sprite sheet take: the
 * Gallery's selection, a collection (in its own order), or output ids typed.
 * A new project forgets the selection: its ids belong to the old one.
 */
export class ExportSource {
  kind = $state<SourceKind>('collection');
  handed = $state.raw<HandedSelection | null>(null);
  collections = $state.raw<readonly GalleryCollection[]>([]);
  collectionId = $state<number | null>(null);
  idsText = $state('');
  error = $state<string | null>(null);

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    studio.onProjectChanged(() => {
      this.handed = null;
      this.collectionId = null;
      this.idsText = '';
      this.kind = 'collection';
      void this.refresh();
    });
  }

  /** The Gallery's selection, ready to export. */
  use(outputIds: readonly number[], label: string): void {
    this.handed = { outputIds: [...outputIds], label };
    this.kind = 'selection';
  }

  get collection(): GalleryCollection | null {
    return this.collections.find((collection) => collection.id === this.collectionId) ?? null;
  }

  async refresh(): Promise<void> {
    try {
      this.collections = await this.#studio.gallery.collections();
      this.error = null;
    } catch (error) {
      this.error = `Could not read the collections: ${(error as Error).message}`;
    }
    if (!this.collection) this.collectionId = this.collections.find((collection) => collection.count > 0)?.id ?? this.collections[0]?.id ?? null;
    // Nothing handed over and no collection to offer: typed ids are what is left.
    if (this.kind === 'collection' && this.collections.length === 0) this.kind = 'ids';
    if (this.kind === 'selection' && !this.handed) this.kind = this.collections.length > 0 ? 'collection' : 'ids';
  }

  /** What the API takes; null while there is nothing to export (see `problem`). */
  get selection(): ExportSelection | null {
    if (this.kind === 'selection') return this.handed && this.handed.outputIds.length > 0 ? { outputIds: this.handed.outputIds } : null;
    if (this.kind === 'collection') return this.collection && this.collection.count > 0 ? { collectionId: this.collection.id } : null;
    const parsed = parseOutputIds(this.idsText);
    return 'ids' in parsed ? { outputIds: parsed.ids } : null;
  }

  /** How many images will be exported, when it is known. */
  get count(): number | null {
    if (this.kind === 'selection') return this.handed?.outputIds.length ?? null;
    if (this.kind === 'collection') return this.collection?.count ?? null;
    const parsed = parseOutputIds(this.idsText);
    return 'ids' in parsed ? parsed.ids.length : null;
  }

  /** "12 images from the gallery", "Skies (8 images)", "5 outputs by id". */
  get label(): string {
    if (this.kind === 'selection') return this.handed?.label ?? 'Nothing selected';
    if (this.kind === 'collection') return this.collection ? `${this.collection.name} (${countOf(this.collection.count, 'image')})` : 'No collection';
    const count = this.count;
    return count === null ? 'No outputs' : `${countOf(count, 'output')} by id`;
  }

  /** Why there is nothing to export yet, or null. */
  get problem(): string | null {
    if (this.kind === 'selection') return this.handed ? null : 'Select images in the Gallery and choose Export, or pick a collection.';
    if (this.kind === 'collection') {
      if (this.collections.length === 0) return 'This project has no collections yet: make one in the Gallery.';
      if (!this.collection) return 'Choose a collection.';
      return this.collection.count === 0 ? `${this.collection.name} is empty.` : null;
    }
    const parsed = parseOutputIds(this.idsText);
    return 'error' in parsed ? parsed.error : null;
  }
}
