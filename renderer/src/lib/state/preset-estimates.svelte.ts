import type { PresetEstimate, TrainingOptions } from '../../../../preload/contract';
import type { Studio } from '../api';

type Resolution = TrainingOptions['resolution'];

/** One resolution's estimates: being measured, measured, or why they could not be. */
export interface EstimateState {
  readonly measuring: boolean;
  readonly presets: readonly PresetEstimate[] | null;
  readonly error: string | null;
}

const notAsked: EstimateState = { measuring: false, presets: null, error: null };

/**
 * Each preset's steps and a time measured on the active backend, per
 * resolution. Measuring times a few real steps in the engine (seconds the
 * first time), so each resolution is asked once and remembered; a new project
 * keeps them, since they depend on the machine, not the project.
 */
export class PresetEstimates {
  #byResolution = $state.raw<ReadonlyMap<Resolution, EstimateState>>(new Map());
  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  for(resolution: Resolution): EstimateState {
    return this.#byResolution.get(resolution) ?? notAsked;
  }

  /** Measures a resolution unless it is measured or being measured (a failed one is tried again). */
  async measure(resolution: Resolution): Promise<void> {
    const known = this.for(resolution);
    if (known.measuring || known.presets) return;
    this.#set(resolution, { measuring: true, presets: null, error: null });
    try {
      const presets = await this.#studio.training.estimate({ model: 'dcgan', resolution });
      this.#set(resolution, { measuring: false, presets, error: null });
    } catch (error) {
      this.#set(resolution, { measuring: false, presets: null, error: (error as Error).message });
    }
  }

  #set(resolution: Resolution, state: EstimateState): void {
    const next = new Map(this.#byResolution);
    next.set(resolution, state);
    this.#byResolution = next;
  }
}
