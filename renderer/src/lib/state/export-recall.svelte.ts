import type { GalleryDetail, RecallResult } from '../../../../preload/contract';
import type { Studio } from '../api';
import { fileNameOf, pathProblem } from '../export-request';
import type { FileStaging, PickedItem } from '../file-staging';
import { UploadStep } from './upload-step.svelte';

/** The image being recalled: a file dropped or chosen, or a path typed. */
type RecallInput = { readonly kind: 'picked'; readonly item: PickedItem; readonly name: string; readonly url: string } | { readonly kind: 'path'; readonly path: string };

/** The Gallery's own hand-offs, which take an output up in Explore, Translate or Style with the settings that made it. */
export interface RecallReopen {
  openInExplore(detail: GalleryDetail): Promise<void>;
  openInTranslate(detail: GalleryDetail): Promise<void>;
}

/**
 * The Recall tab: an exported image dropped back on the studio. Its
 * provenance is read and the project says what it can restore — the
 * checkpoint, the latent, the view to reopen it in. An image from elsewhere
 * can be kept as a new output, so its latent can be used here.
 */
export class ExportRecall {
  input = $state.raw<RecallInput | null>(null);
  result = $state.raw<RecallResult | null>(null);
  error = $state<string | null>(null);
  reading = $state(false);
  readonly upload = new UploadStep();

  readonly #studio: Studio;
  readonly #staging: FileStaging;
  /** The picked file's path once staged, so Keep does not upload it again. */
  #stagedPath: { readonly input: RecallInput; readonly path: string } | null = null;

  constructor(studio: Studio, staging: FileStaging) {
    this.#studio = studio;
    this.#staging = staging;
    studio.onProjectChanged(() => this.#forget());
  }

  get busy(): boolean {
    return this.reading || this.upload.running;
  }

  /** The name of what is being recalled, for the panel. */
  get name(): string | null {
    const input = this.input;
    return input === null ? null : input.kind === 'picked' ? input.name : fileNameOf(input.path);
  }

  /** A picture of it before the studio answers: the picked file itself. */
  get localUrl(): string | null {
    return this.input?.kind === 'picked' ? this.input.url : null;
  }

  /** Takes the first file dropped or chosen and reads it at once. */
  async pick(items: readonly PickedItem[]): Promise<void> {
    const item = items.find((candidate) => candidate.kind === 'file');
    if (!item || item.kind !== 'file') {
      this.error = 'Drop or choose one exported image file (PNG, JPEG, WebP, AVIF or TIFF).';
      return;
    }
    this.#replace({ kind: 'picked', item, name: item.file.relativePath, url: URL.createObjectURL(item.file.file) });
    await this.read(false);
  }

  /** A file on the studio's machine by its path. */
  async usePath(path: string): Promise<void> {
    const problem = pathProblem('file', path);
    if (problem) {
      this.error = problem;
      return;
    }
    this.#replace({ kind: 'path', path: path.trim() });
    await this.read(false);
  }

  /** Reads the provenance; with `keep`, an image that is not in this project becomes a new output. */
  async read(keep: boolean): Promise<void> {
    const input = this.input;
    if (!input || this.busy) return;
    this.error = null;
    try {
      const path = await this.#pathOf(input);
      this.reading = true;
      const result = await this.#studio.export.recall({ path, ...(keep ? { keep } : {}) });
      if (this.input === input) this.result = result;
    } catch (error) {
      if (this.input === input) this.error = (error as Error).message;
    } finally {
      this.reading = false;
    }
  }

  /** Opens the recalled output where it was made, as the Gallery's viewer would; needs the output in this project (see `read(true)`). */
  async reopen(reopener: RecallReopen): Promise<void> {
    const result = this.result;
    if (!result?.output || !result.restore.view) return;
    try {
      const detail = await this.#studio.gallery.get({ outputId: result.output.outputId });
      await (result.restore.view === 'explore' ? reopener.openInExplore(detail) : reopener.openInTranslate(detail));
    } catch (error) {
      this.error = `Could not open output ${result.output.outputId}: ${(error as Error).message}`;
    }
  }

  async #pathOf(input: RecallInput): Promise<string> {
    if (input.kind === 'path') return input.path;
    if (this.#stagedPath?.input === input) return this.#stagedPath.path;
    const path = await this.upload.run((signal) => this.#staging.toFilePath(input.item, signal));
    this.#stagedPath = { input, path };
    return path;
  }

  #replace(input: RecallInput): void {
    this.#forget();
    this.input = input;
  }

  #forget(): void {
    if (this.input?.kind === 'picked') URL.revokeObjectURL(this.input.url);
    this.input = null;
    this.result = null;
    this.error = null;
    this.#stagedPath = null;
  }
}
