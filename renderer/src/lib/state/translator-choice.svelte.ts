import type { Direction, TranslateModel } from '../../../../preload/contract';
import type { Studio } from '../api';

/**
 * Which trained translation model a view uses, and which way: the Translate
 * and Style views each keep one. Re-read whenever the view shows, since
 * training makes new checkpoints; a choice that disappears (its run deleted,
 * another project opened) falls back to the newest model.
 */
export class TranslatorChoice {
  models = $state.raw<readonly TranslateModel[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  checkpointId = $state<number | null>(null);
  direction = $state<Direction>('AtoB');

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    studio.onProjectChanged(() => {
      this.checkpointId = null;
      void this.refresh();
    });
  }

  get model(): TranslateModel | null {
    return this.models.find((model) => model.checkpointId === this.checkpointId) ?? null;
  }

  async refresh(): Promise<void> {
    try {
      this.models = await this.#studio.translate.models();
      this.error = null;
    } catch (error) {
      this.error = `Could not read the translation models: ${(error as Error).message}`;
    } finally {
      this.loaded = true;
    }
    if (!this.model) this.choose(this.models[0]?.checkpointId ?? null);
  }

  /** Picks a checkpoint, keeping the direction where the new model goes that way too. */
  choose(checkpointId: number | null, direction?: Direction): void {
    this.checkpointId = checkpointId;
    const directions = this.model?.directions ?? [];
    const wanted = direction ?? this.direction;
    this.direction = directions.includes(wanted) ? wanted : (directions[0] ?? 'AtoB');
  }
}
