import type { ExportOptions } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging } from '../file-staging';
import { ExportImages } from './export-images.svelte';
import { ExportModels } from './export-models.svelte';
import { ExportRecall } from './export-recall.svelte';
import { ContactSheet, SpriteSheet } from './export-sheets.svelte';
import { ExportSource } from './export-source.svelte';

export const exportTabs = [
  { id: 'images', label: 'Images' },
  { id: 'contact-sheet', label: 'Contact sheet' },
  { id: 'sprite-sheet', label: 'Sprite sheet' },
  { id: 'recall', label: 'Recall' },
  { id: 'models', label: 'Models' },
] as const;

export type ExportTab = (typeof exportTabs)[number]['id'];

/** The tabs that export the chosen images (the others work on files and checkpoints). */
export const tabsWithSource: readonly ExportTab[] = ['images', 'contact-sheet', 'sprite-sheet'];

/**
 * Everything the Export view works with: what to export (the Gallery's
 * selection, a collection, ids), the images, the two sheets, recall and the
 * models. Lives as long as the app, so the settings survive a visit to the
 * Gallery for more images.
 */
export class ExportWorkspace {
  tab = $state<ExportTab>('images');
  readonly source: ExportSource;
  options = $state.raw<ExportOptions | null>(null);
  optionsError = $state<string | null>(null);
  readonly images: ExportImages;
  readonly contactSheet: ContactSheet;
  readonly spriteSheet: SpriteSheet;
  readonly recall: ExportRecall;
  readonly models: ExportModels;
  /** How dropped and picked files reach the studio (Recall's drop zone uses it). */
  readonly staging: FileStaging;

  readonly #studio: Studio;

  constructor(studio: Studio, staging: FileStaging) {
    this.#studio = studio;
    this.staging = staging;
    this.source = new ExportSource(studio);
    this.images = new ExportImages(studio);
    this.contactSheet = new ContactSheet(studio);
    this.spriteSheet = new SpriteSheet(studio);
    this.recall = new ExportRecall(studio, staging);
    this.models = new ExportModels(studio);
    studio.onProjectChanged(() => {
      this.images.write.clear();
      this.contactSheet.write.clear();
      this.spriteSheet.write.clear();
    });
  }

  /** The Gallery hands its selection over ("12 images from the gallery") before it goes to #/export. */
  useSelection(outputIds: readonly number[], label: string): void {
    this.source.use(outputIds, label);
    if (!tabsWithSource.includes(this.tab)) this.tab = 'images';
  }

  /** The view is showing: read the formats, the collections and the checkpoints (training and curation may have changed them). */
  watch(): void {
    void this.#loadOptions();
    void this.source.refresh();
    void this.models.refresh();
  }

  async #loadOptions(): Promise<void> {
    if (this.options) return;
    try {
      this.options = await this.#studio.export.options();
      this.optionsError = null;
    } catch (error) {
      this.optionsError = `Could not read the export formats: ${(error as Error).message}`;
    }
  }
}
