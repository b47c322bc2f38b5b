import type {
  BackendName,
  DatasetDetail,
  DatasetSummary,
  Direction,
  ModelKind,
  StartTrainingRequest,
  TrainingPreset,
  TrainingResolution,
  Upsampling,
} from '../../../../preload/contract';
import type { Studio } from '../api';
import { unsuitableReason } from '../dataset-suitability';
import { modelForKind, offeredResolutions, resolutionFor, resolutionsOf, suits } from '../model-families';
import { isNoiseModel } from '../../../../preload/model-kinds';
import { startRequestOf, type AugmentChoice } from '../run-request';

/**
 * The New run form's choices, kept while the person visits other views. The
 * advanced fields are null while they follow the preset; only the knobs a
 * person set, of the chosen family, travel with the start request, so the
 * preset (and main's defaults) decide the rest. The resolutions offered
 * depend on the active backend (read through `backend`, which the status
 * bar keeps current): the largest only where the engine computes on a GPU.
 */
export class NewRunDraft {
  datasets = $state.raw<readonly DatasetSummary[]>([]);
  datasetsLoaded = $state(false);
  datasetName = $state<string | null>(null);
  /** The chosen dataset's details (its classes, its sides' counts), once read. */
  detail = $state.raw<DatasetDetail | null>(null);
  model = $state<ModelKind>('fastgan');
  #resolution = $state<TrainingResolution>(32);
  preset = $state<TrainingPreset>('quick');
  name = $state('');
  steps = $state<number | null>(null);
  batchSize = $state<number | null>(null);
  seed = $state<number | null>(null);
  width = $state<number | null>(null);
  conditional = $state(false);
  augment = $state<AugmentChoice>('auto');
  upsample = $state<Upsampling>('bilinear');
  learningRate = $state<number | null>(null);
  direction = $state<Direction>('AtoB');
  l1Weight = $state<number | null>(null);
  residualBlocks = $state<number | null>(null);
  cycleWeight = $state<number | null>(null);
  identityWeight = $state<number | null>(null);
  error = $state<string | null>(null);

  readonly #studio: Studio;
  readonly #backend: () => BackendName | null;
  #detailRequest = 0;

  constructor(studio: Studio, backend: () => BackendName | null) {
    this.#studio = studio;
    this.#backend = backend;
    studio.onProjectChanged(() => {
      this.datasetName = null;
      this.detail = null;
      void this.refreshDatasets();
    });
  }

  get dataset(): DatasetSummary | null {
    return this.datasets.find((dataset) => dataset.name === this.datasetName) ?? null;
  }

  /** The details, only while they are the chosen dataset's (a newer choice may still be reading). */
  get #chosenDetail(): DatasetDetail | null {
    return this.detail?.name === this.datasetName ? this.detail : null;
  }

  /** Labelled classes of the chosen dataset: two or more make a class-conditional model possible. */
  get classCount(): number {
    return this.#chosenDetail?.classCounts.filter((entry) => entry.label !== null).length ?? 0;
  }

  get canCondition(): boolean {
    return isNoiseModel(this.model) && this.classCount >= 2;
  }

  /** The resolutions the chosen family trains at on the active backend. */
  get resolutions(): readonly TrainingResolution[] {
    return offeredResolutions(this.model, this.#backend());
  }

  /** The family's resolutions this backend does not offer (those only a GPU trains in reasonable time), for the form to say why. */
  get withheldResolutions(): readonly TrainingResolution[] {
    const offered = this.resolutions;
    return resolutionsOf[this.model].filter((size) => !offered.includes(size));
  }

  /** The chosen resolution, or the nearest offered one should the backend no longer offer it (a GPU size once the engine computes on the CPU). */
  get resolution(): TrainingResolution {
    return resolutionFor(this.resolutions, this.#resolution);
  }

  set resolution(size: TrainingResolution) {
    this.#resolution = size;
  }

  /** Why the chosen dataset cannot train the chosen model, or null when it can. */
  get unsuitable(): string | null {
    const dataset = this.dataset;
    if (!dataset) return this.datasetsLoaded && this.datasets.length === 0 ? 'This project has no datasets yet: import some images in Datasets first.' : 'Choose a dataset.';
    return unsuitableReason(this.model, dataset, this.#chosenDetail);
  }

  /** A new family keeps the resolution where it trains at it, else takes the nearest it does. */
  chooseModel(model: ModelKind): void {
    this.model = model;
    this.#resolution = this.resolution;
    this.error = null;
  }

  async refreshDatasets(): Promise<void> {
    try {
      this.datasets = await this.#studio.datasets.list();
      this.datasetsLoaded = true;
      if (!this.dataset) {
        // The first set the chosen model can learn from, else the first with images, so the form starts ready to go.
        const filled = this.datasets.filter((dataset) => dataset.itemCount > 0);
        const first = filled.find((dataset) => suits(this.model, dataset.kind)) ?? filled[0] ?? this.datasets[0];
        await this.chooseDataset(first?.name ?? null);
      }
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  /** Picks a dataset; one the chosen model cannot learn from switches to the family its kind is for. */
  async chooseDataset(name: string | null): Promise<void> {
    this.datasetName = name;
    this.error = null;
    const dataset = this.dataset;
    if (dataset && !suits(this.model, dataset.kind)) this.chooseModel(modelForKind(dataset.kind));
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

  /** The start request for these choices, or null while the dataset cannot train the model. */
  request(): StartTrainingRequest | null {
    const dataset = this.dataset;
    if (!dataset || this.unsuitable) return null;
    return startRequestOf({
      dataset: dataset.name,
      model: this.model,
      resolution: this.resolution,
      preset: this.preset,
      name: this.name,
      steps: this.steps,
      batchSize: this.batchSize,
      seed: this.seed,
      width: this.width,
      conditional: this.conditional && this.canCondition,
      augment: this.augment,
      upsample: this.upsample,
      learningRate: this.learningRate,
      direction: this.direction,
      l1Weight: this.l1Weight,
      residualBlocks: this.residualBlocks,
      cycleWeight: this.cycleWeight,
      identityWeight: this.identityWeight,
    });
  }

  /** After a start: the next run begins from the same dataset, model and preset, with a fresh name and seed. */
  reset(): void {
    this.name = '';
    this.seed = null;
    this.error = null;
  }
}
