import type { ModelKind, PresetEstimate, TrainingResolution } from '../../../../preload/contract';
import type { Studio } from '../api';

/** One model and resolution's estimates: being measured, measured, or why they could not be. */
export interface EstimateState {
  readonly measuring: boolean;
  readonly presets: readonly PresetEstimate[] | null;
  readonly error: string | null;
}

const notAsked: EstimateState = { measuring: false, presets: null, error: null };

/** "pix2pix@128": a family's presets differ at every resolution, and between families at the same one. */
type EstimateKey = `${ModelKind}@${TrainingResolution}`;

/**
 * Each preset's steps and a time measured on the active backend, per model
 * family and resolution. Measuring times a few real steps in the engine
 * (seconds the first time), so each pair is asked once and remembered; a new
 * project keeps them, since they depend on the machine, not the project.
 */
export class PresetEstimates {
  #byKey = $state.raw<ReadonlyMap<EstimateKey, EstimateState>>(new Map());
  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  for(model: ModelKind, resolution: TrainingResolution): EstimateState {
    return this.#byKey.get(`${model}@${resolution}`) ?? notAsked;
  }

  /** Measures a model at a resolution unless it is measured or being measured (a failed one is tried again). */
  async measure(model: ModelKind, resolution: TrainingResolution): Promise<void> {
    const known = this.for(model, resolution);
    if (known.measuring || known.presets) return;
    const key: EstimateKey = `${model}@${resolution}`;
    this.#set(key, { measuring: true, presets: null, error: null });
    try {
      const presets = await this.#studio.training.estimate({ model, resolution });
      this.#set(key, { measuring: false, presets, error: null });
    } catch (error) {
      this.#set(key, { measuring: false, presets: null, error: (error as Error).message });
    }
  }

  #set(key: EstimateKey, state: EstimateState): void {
    const next = new Map(this.#byKey);
    next.set(key, state);
    this.#byKey = next;
  }
}
