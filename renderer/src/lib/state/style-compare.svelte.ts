import type { TranslateSource, TranslationResult } from '../../../../preload/contract';
import type { Studio } from '../api';
import type { StyleOption } from '../translators';
import { TrackedJob } from './tracked-job.svelte';

/** More than eight side by side are too small to judge. */
export const maxCompared = 8;

/** One photo through several looks at once, each result stored, shown side by side. */
export class StyleCompare {
  /** The StyleOption keys ticked for comparison. */
  chosen = $state.raw<readonly string[]>([]);
  readonly job: TrackedJob<readonly TranslationResult[]>;

  readonly #studio: Studio;

  constructor(studio: Studio) {
    this.#studio = studio;
    this.job = new TrackedJob(studio);
  }

  isChosen(key: string): boolean {
    return this.chosen.includes(key);
  }

  /** Ticks or unticks a look; answers false when the comparison is full. */
  toggle(key: string): boolean {
    if (this.isChosen(key)) {
      this.chosen = this.chosen.filter((chosen) => chosen !== key);
      return true;
    }
    if (this.chosen.length >= maxCompared) return false;
    this.chosen = [...this.chosen, key];
    return true;
  }

  /** Forgets looks that are gone (their run deleted, another project). */
  keepOnly(options: readonly StyleOption[]): void {
    const known = new Set(options.map((option) => option.key));
    if (this.chosen.some((key) => !known.has(key))) this.chosen = this.chosen.filter((key) => known.has(key));
  }

  async run(source: TranslateSource, options: readonly StyleOption[], strength: number): Promise<void> {
    const styles = options.filter((option) => this.isChosen(option.key)).map(({ checkpointId, direction }) => ({ checkpointId, direction, strength }));
    if (styles.length === 0 || this.job.running) return;
    await this.job.run((jobId) => this.#studio.translate.compare({ source, styles, jobId }));
  }
}
