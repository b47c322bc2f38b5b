import type { DatasetDetail, DatasetSummary, StartTrainingRequest, TrainingOptions, TrainingPreset } from '../../../../preload/contract';
import type { Studio } from '../api';

export type Resolution = TrainingOptions['resolution'];
/** Automatic turns augmentation on for small datasets (under 5,000 images), where it matters most. */
export type AugmentChoice = 'auto' | 'on' | 'off';

/**
 * The New run form's choices, kept while the person visits other views. The
 * advanced fields are null while they follow the preset; only the knobs a
 * person set travel with the start request, so the preset (and main's
 * defaults) decide the rest.
 */
export class NewRunDraft {
  datasets = $state.raw<readonly DatasetSummary[]>([]);
  datasetsLoaded = $state(false);
  datasetName = $state<string | null>(null);
  /** The chosen dataset's details (its classes), once read. */
  detail = $state.raw<DatasetDetail | null>(null);
  resolution = $state<Resolution>(32);
  preset = $state<TrainingPreset>('quick');
  name = $state('');
  steps = $state<number | null>(null);
  batchSize = $state<number | null>(null);
  seed = $state<number | null>(null);
  conditional = $state(false);
  augment = $state<AugmentChoice>('auto');
  error = $state<string | null>(null);

  readonly #studio: Studio;
  #detailRequest = 0;

  constructor(studio: Studio) {
    this.#studio = studio;
    studio.onProjectChanged(() => {
      this.datasetName = null;
      this.detail = null;
      void this.refreshDatasets();
    });
  }

  get dataset(): DatasetSummary | null {
    return this.datasets.find((dataset) => dataset.name === this.datasetName) ?? null;
  }

  /** Labelled classes of the chosen dataset: two or more make a class-conditional model possible. */
  get classCount(): number {
    return this.detail?.name === this.datasetName ? this.detail.classCounts.filter((entry) => entry.label !== null).length : 0;
  }

  get canCondition(): boolean {
    return this.classCount >= 2;
  }

  /** Why the chosen dataset cannot train a DCGAN, or null when it can. */
  get unsuitable(): string | null {
    const dataset = this.dataset;
    if (!dataset) return this.datasetsLoaded && this.datasets.length === 0 ? 'This project has no datasets yet: import some images in Datasets first.' : 'Choose a dataset.';
    if (dataset.kind !== 'images') {
      return `${dataset.name} is a ${dataset.kind} dataset. DCGAN learns from a set of images; paired and unpaired sets are for pix2pix and CycleGAN, which the Translate view will train.`;
    }
    if (dataset.itemCount === 0) return `${dataset.name} has no images yet: import some in Datasets first.`;
    return null;
  }

  async refreshDatasets(): Promise<void> {
    try {
      this.datasets = await this.#studio.datasets.list();
      this.datasetsLoaded = true;
      if (!this.dataset) {
        // The first set that can train, so the form starts ready to go.
        const first = this.datasets.find((dataset) => dataset.kind === 'images' && dataset.itemCount > 0) ?? this.datasets[0];
        await this.chooseDataset(first?.name ?? null);
      }
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  async chooseDataset(name: string | null): Promise<void> {
    this.datasetName = name;
    this.error = null;
    const request = ++this.#detailRequest;
    if (!name) {
      this.detail = null;
      return;
    }
    try {
      const detail = await this.#studio.datasets.get({ dataset: name });
      if (request === this.#detailRequest) this.detail = detail;
    } catch (error) {
      if (request === this.#detailRequest) this.error = (error as Error).message;
    }
  }

  /** The start request for these choices, or null while the dataset cannot train. */
  request(): StartTrainingRequest | null {
    const dataset = this.dataset;
    if (!dataset || this.unsuitable) return null;
    const name = this.name.trim();
    return {
      dataset: dataset.name,
      model: 'dcgan',
      resolution: this.resolution,
      preset: this.preset,
      ...(name && { name }),
      ...(this.steps !== null && { steps: this.steps }),
      ...(this.batchSize !== null && { batchSize: this.batchSize }),
      ...(this.seed !== null && { seed: this.seed }),
      ...(this.conditional && this.canCondition && { conditional: true }),
      ...(this.augment !== 'auto' && { augment: this.augment === 'on' }),
    };
  }

  /** After a start: the next run begins from the same dataset and preset, with a fresh name and seed. */
  reset(): void {
    this.name = '';
    this.seed = null;
    this.error = null;
  }
}
