import type { ExploreModel, RenderSettings } from '../../../../preload/contract';
import type { Studio } from '../api';

/**
 * The model bar: which checkpoint Explore draws from and how — EMA weights,
 * truncation ψ and, for a conditional model, one class for every image.
 * `settings` is what every latent call takes.
 */
export class ExploreModelChoice {
  models = $state.raw<readonly ExploreModel[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  checkpointId = $state<number | null>(null);
  ema = $state(true);
  truncation = $state(1);
  /** Null: each seed's own class. */
  classIndex = $state<number | null>(null);

  readonly model: ExploreModel | null = $derived(this.models.find((model) => model.checkpointId === this.checkpointId) ?? null);

  readonly settings: RenderSettings | null = $derived.by(() => {
    const model = this.model;
    if (!model) return null;
    return {
      checkpointId: model.checkpointId,
      // A run without EMA weights has only the raw generator: say nothing and let the default hold.
      ...(model.hasEma ? { ema: this.ema } : {}),
      truncation: this.truncation,
      ...(this.classIndex !== null && this.classIndex < model.classNames.length ? { class: this.classIndex } : {}),
    };
  });

  /** Changes whenever the images of the same latents would: caches of rendered images are keyed by it. */
  readonly settingsKey: string = $derived(JSON.stringify(this.settings));

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  /** Reads the checkpoints again, keeping the chosen one while it exists, else choosing the newest. */
  async refresh(): Promise<void> {
    try {
      this.models = await this.#studio.latent.models();
      this.error = null;
      if (!this.models.some((model) => model.checkpointId === this.checkpointId)) {
        const newest = this.models[0];
        if (newest) this.choose(newest.checkpointId);
        else this.checkpointId = null;
      }
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.loaded = true;
    }
  }

  /** A new model starts from its own defaults: EMA when it kept one, each seed's own class. */
  choose(checkpointId: number): void {
    const model = this.models.find((candidate) => candidate.checkpointId === checkpointId);
    if (!model) return;
    this.checkpointId = checkpointId;
    this.ema = model.hasEma;
    if (this.classIndex !== null && this.classIndex >= model.classNames.length) this.classIndex = null;
  }

  reset(): void {
    this.models = [];
    this.loaded = false;
    this.checkpointId = null;
    this.classIndex = null;
  }
}
