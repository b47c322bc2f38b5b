import type { LatentImage, RenderSettings } from '../../../../preload/contract';
import type { Studio } from '../api';
import { emptySelection, selectWith, type ClickModifiers, type GridSelection } from '../explore-selection';
import { choiceOfImage, isSeed, type LatentChoice } from '../explore-sources';
import { randomSeed } from '../training-format';

/**
 * The Grid tool: images of seed, seed + 1, … stored in the gallery, and the
 * ones selected for the other tools. Only the latest request lands, so a
 * Reroll pressed twice shows the second grid.
 */
export class ExploreGrid {
  /** Null while the seed field is empty or not a seed. */
  seed = $state<number | null>(randomSeed());
  count = $state(16);
  columns = $state(8);
  images = $state.raw<readonly LatentImage[]>([]);
  selection = $state.raw<GridSelection>(emptySelection);
  generating = $state(false);
  error = $state<string | null>(null);

  readonly selected: readonly LatentChoice[] = $derived(this.selection.indices.flatMap((index) => (this.images[index] ? [choiceOfImage(this.images[index])] : [])));

  readonly #studio: Studio;
  readonly #settings: () => RenderSettings | null;
  #request = 0;

  constructor(studio: Studio, settings: () => RenderSettings | null) {
    this.#studio = studio;
    this.#settings = settings;
  }

  async generate(): Promise<void> {
    const settings = this.#settings();
    const seed = this.seed;
    if (!settings) return;
    if (!isSeed(seed)) {
      this.error = 'Type a seed from 0 to 4,294,967,295, or reroll for a random one.';
      return;
    }
    const count = Math.min(256, Math.max(1, Math.round(this.count || 1)));
    const request = ++this.#request;
    this.generating = true;
    this.error = null;
    try {
      const images = await this.#studio.latent.sample({ ...settings, seed, count });
      if (request !== this.#request) return;
      this.images = images;
      this.selection = emptySelection;
    } catch (error) {
      if (request === this.#request) this.error = (error as Error).message;
    } finally {
      if (request === this.#request) this.generating = false;
    }
  }

  async reroll(): Promise<void> {
    this.seed = randomSeed();
    await this.generate();
  }

  select(index: number, modifiers: ClickModifiers): void {
    this.selection = selectWith(this.selection, index, modifiers);
  }

  clear(): void {
    this.#request += 1;
    this.images = [];
    this.selection = emptySelection;
    this.generating = false;
    this.error = null;
  }
}
