import type { BatchInputs, DatasetSummary, Tiling, TranslateBatchReport, TranslateSettings } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { FileStaging, PickedItem } from '../file-staging';
import { TrackedJob } from './tracked-job.svelte';
import { UploadStep } from './upload-step.svelte';

export type BatchSource = 'files' | 'dataset';

/**
 * Many images through one model: files and folders picked or dropped, or a
 * dataset's images (one side of a paired or unpaired set). A job with
 * progress, time left and cancel; cancelling keeps what was done.
 */
export class TranslateBatch {
  source = $state<BatchSource>('files');
  picked = $state.raw<readonly PickedItem[]>([]);
  datasets = $state.raw<readonly DatasetSummary[]>([]);
  datasetName = $state<string | null>(null);
  domain = $state<'A' | 'B'>('A');
  tiling = $state<Tiling>('auto');
  readonly upload = new UploadStep();
  readonly job: TrackedJob<TranslateBatchReport>;

  readonly #studio: Studio;
  readonly #files: FileStaging;

  constructor(studio: Studio, files: FileStaging) {
    this.#studio = studio;
    this.#files = files;
    this.job = new TrackedJob(studio);
  }

  get dataset(): DatasetSummary | null {
    return this.datasets.find((dataset) => dataset.name === this.datasetName) ?? null;
  }

  /** Why the batch cannot start yet, or null when it can. */
  get missing(): string | null {
    if (this.source === 'files') return this.picked.length === 0 ? 'Choose or drop images or folders first.' : null;
    if (!this.dataset) return this.datasets.length === 0 ? 'This project has no datasets.' : 'Choose a dataset.';
    return this.dataset.itemCount === 0 ? `${this.dataset.name} has no images.` : null;
  }

  get busy(): boolean {
    return this.upload.running || this.job.running;
  }

  async refreshDatasets(): Promise<void> {
    try {
      this.datasets = await this.#studio.datasets.list();
      if (!this.dataset) this.datasetName = this.datasets[0]?.name ?? null;
    } catch (error) {
      this.job.error = `Could not read the datasets: ${(error as Error).message}`;
    }
  }

  pick(items: readonly PickedItem[]): void {
    this.picked = items;
    this.job.clear();
  }

  async start(settings: TranslateSettings): Promise<TranslateBatchReport | null> {
    if (this.missing || this.busy) return null;
    const inputs = await this.#inputs();
    if (!inputs) return null;
    return this.job.run((jobId) => this.#studio.translate.batch({ ...settings, tiling: this.tiling, inputs, jobId }));
  }

  cancel(): void {
    this.upload.cancel();
    void this.job.cancel();
  }

  async #inputs(): Promise<BatchInputs | null> {
    const dataset = this.dataset;
    if (this.source === 'dataset' && dataset) return { dataset: dataset.name, domain: dataset.kind === 'images' ? undefined : this.domain };
    try {
      return { paths: await this.upload.run((signal) => this.#files.toPaths(this.picked, { asOneFolder: false, onProgress: () => {}, signal })) };
    } catch (error) {
      this.job.error = (error as Error).message;
      return null;
    }
  }
}
