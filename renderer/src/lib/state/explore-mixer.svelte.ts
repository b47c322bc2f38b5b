import type { LatentImage, MixOperation, RenderSettings } from '../../../../preload/contract';
import type { Studio } from '../api';
import { emptySelection, selectWith, type ClickModifiers, type GridSelection } from '../explore-selection';
import { choiceOfImage, isSeed, type LatentChoice } from '../explore-sources';
import { randomSeed } from '../training-format';

export type MixKind = MixOperation['kind'];
/** Three slots serve every operation: A − B + C; crossover of A and B; mutation of A. */
export type MixSlot = 'a' | 'b' | 'c';

export const slotsOf: Readonly<Record<MixKind, readonly MixSlot[]>> = {
  arithmetic: ['a', 'b', 'c'],
  crossover: ['a', 'b'],
  mutate: ['a'],
};

/**
 * The Mix tool: latent arithmetic, crossover and mutation. Its children are
 * images like any other, so they can fill the slots again — breeding.
 */
export class ExploreMixer {
  kind = $state<MixKind>('mutate');
  slots = $state.raw<Readonly<Record<MixSlot, LatentChoice | null>>>({ a: null, b: null, c: null });
  strength = $state(0.3);
  children = $state(8);
  seed = $state<number | null>(randomSeed());
  images = $state.raw<readonly LatentImage[]>([]);
  selection = $state.raw<GridSelection>(emptySelection);
  mixing = $state(false);
  error = $state<string | null>(null);

  readonly selected: readonly LatentChoice[] = $derived(this.selection.indices.flatMap((index) => (this.images[index] ? [choiceOfImage(this.images[index])] : [])));
  /** Why Mix cannot run yet, or null. */
  readonly missing: string | null = $derived.by(() => {
    const empty = slotsOf[this.kind].filter((slot) => !this.slots[slot]);
    if (empty.length > 0) return `Choose ${empty.map((slot) => slot.toUpperCase()).join(' and ')}: use an image as ${empty[0]!.toUpperCase()}.`;
    if (this.kind !== 'arithmetic' && !isSeed(this.seed)) return 'Type a seed for the children, or reroll it.';
    return null;
  });

  readonly #studio: Studio;
  readonly #settings: () => RenderSettings | null;

  constructor(studio: Studio, settings: () => RenderSettings | null) {
    this.#studio = studio;
    this.#settings = settings;
  }

  /** Fills a slot; a latent without an image (a typed seed) gets one rendered with the current settings. */
  use(slot: MixSlot, choice: LatentChoice): void {
    this.slots = { ...this.slots, [slot]: choice };
    if (!choice.imageUrl) void this.#renderImage(slot, choice);
  }

  clearSlot(slot: MixSlot): void {
    this.slots = { ...this.slots, [slot]: null };
  }

  async mix(): Promise<void> {
    const settings = this.#settings();
    const operation = this.#operation();
    if (!settings || !operation || this.mixing) return;
    this.mixing = true;
    this.error = null;
    try {
      this.images = await this.#studio.latent.mix({ ...settings, operation });
      this.selection = emptySelection;
    } catch (error) {
      this.error = (error as Error).message;
    } finally {
      this.mixing = false;
    }
  }

  rerollSeed(): void {
    this.seed = randomSeed();
  }

  select(index: number, modifiers: ClickModifiers): void {
    this.selection = selectWith(this.selection, index, modifiers);
  }

  reset(): void {
    this.slots = { a: null, b: null, c: null };
    this.images = [];
    this.selection = emptySelection;
    this.error = null;
  }

  async #renderImage(slot: MixSlot, choice: LatentChoice): Promise<void> {
    const settings = this.#settings();
    if (!settings) return;
    try {
      const { images } = await this.#studio.latent.preview({ ...settings, points: [choice.source] });
      // The slot may hold another latent by now.
      if (this.slots[slot] === choice && images[0]) this.slots = { ...this.slots, [slot]: { ...choice, imageUrl: images[0] } };
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  #operation(): MixOperation | null {
    const { a, b, c } = this.slots;
    const children = Math.min(64, Math.max(1, Math.round(this.children || 1)));
    const seed = this.seed;
    if (this.kind === 'arithmetic') return a && b && c ? { kind: 'arithmetic', a: a.source, b: b.source, c: c.source } : null;
    if (!isSeed(seed)) return null;
    if (this.kind === 'crossover') return a && b ? { kind: 'crossover', parents: [a.source, b.source], children, seed } : null;
    return a ? { kind: 'mutate', parent: a.source, strength: this.strength, children, seed } : null;
  }
}
