import type { Tiling, TranslateSettings, TranslateSource, TranslationResult } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging, PickedItem } from '../file-staging';
import { TrackedJob } from './tracked-job.svelte';
import { UploadStep } from './upload-step.svelte';

/** Where the image to translate comes from: a file picked or dropped, or an output of the gallery by id. */
export type ImageInput = { readonly kind: 'file'; readonly item: PickedItem; readonly name: string } | { readonly kind: 'output'; readonly outputId: number };

/**
 * One image through the chosen model: a photo or a scan of any size (tiled
 * when it is larger than the model), stored in the gallery with its source.
 * The Translate view uses it for files, the Style view for photos.
 */
export class ImageTranslation {
  input = $state.raw<ImageInput | null>(null);
  tiling = $state<Tiling>('auto');
  /** Null: a quarter of the model's size. */
  overlap = $state<number | null>(null);
  /** Null: the image's own size. */
  workingSize = $state<number | null>(null);
  readonly upload = new UploadStep();
  readonly job: TrackedJob<TranslationResult>;

  readonly #studio: Studio;
  readonly #files: FileStaging;
  /** The last file's path once uploaded, so trying another model or strength does not upload it again. */
  #staged: { readonly input: ImageInput; readonly source: TranslateSource } | null = null;

  constructor(studio: Studio, files: FileStaging) {
    this.#studio = studio;
    this.#files = files;
    this.job = new TrackedJob(studio);
  }

  /** The first image file picked; a folder belongs in the batch panel. */
  pick(items: readonly PickedItem[]): string | null {
    const file = items.find((item) => item.kind === 'file');
    if (!file || file.kind !== 'file') return 'Choose one image file here; translate a folder with the batch panel.';
    this.input = { kind: 'file', item: file, name: file.file.relativePath };
    this.job.clear();
    return null;
  }

  useOutput(outputId: number): void {
    this.input = { kind: 'output', outputId };
    this.job.clear();
  }

  get busy(): boolean {
    return this.upload.running || this.job.running;
  }

  /** Translates the chosen image with `settings`; the result shows in `job.result`. */
  async run(settings: TranslateSettings): Promise<TranslationResult | null> {
    const input = this.input;
    if (!input || this.busy) return null;
    const { tiling, overlap, workingSize } = this;
    const source = await this.source();
    if (!source) return null;
    return this.job.run((jobId) =>
      this.#studio.translate.image({ ...settings, source, tiling, overlap: overlap ?? undefined, workingSize: workingSize ?? undefined, jobId }),
    );
  }

  cancel(): void {
    this.upload.cancel();
    void this.job.cancel();
  }

  /** The chosen image as the studio takes it: a file by its path (under Electron where it lies, in a browser uploaded first). */
  async source(): Promise<TranslateSource | null> {
    const input = this.input;
    if (!input) return null;
    if (input.kind === 'output') return { outputId: input.outputId };
    if (this.#staged?.input === input) return this.#staged.source;
    try {
      const path = await this.upload.run((signal) => this.#files.toFilePath(input.item, signal));
      this.#staged = { input, source: { path } };
      return this.#staged.source;
    } catch (error) {
      this.job.error = (error as Error).message;
      return null;
    }
  }
}
