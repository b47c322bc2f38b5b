import type { DatasetItem, PairCheck } from '../../../../preload/contract';
import type { Studio } from '../api';

/**
 * The pair checker of a paired dataset: for one pair key, whether A's edges
 * line up with B's (the check) and both halves to show side by side.
 */
export class PairChecker {
  pairKey = $state<string | null>(null);
  check = $state.raw<PairCheck | null>(null);
  halves = $state.raw<{ A: DatasetItem | null; B: DatasetItem | null }>({ A: null, B: null });
  busy = $state(false);
  error = $state<string | null>(null);

  readonly #studio: Studio;
  #request = 0;

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  clear(): void {
    this.#request += 1;
    this.pairKey = null;
    this.check = null;
    this.halves = { A: null, B: null };
    this.busy = false;
    this.error = null;
  }

  /** Checks the pair `item` belongs to; the half already known shows while the check runs. */
  async run(dataset: string, item: DatasetItem): Promise<void> {
    if (!item.pairKey || !item.domain) return;
    const request = ++this.#request;
    const pairKey = item.pairKey;
    this.pairKey = pairKey;
    this.check = null;
    this.error = null;
    this.busy = true;
    this.halves = item.domain === 'A' ? { A: item, B: null } : { A: null, B: item };
    try {
      const check = await this.#studio.datasets.checkPair({ dataset, pairKey });
      if (request !== this.#request) return;
      this.check = check;
      this.halves = { A: check.a, B: check.b };
    } catch (error) {
      if (request === this.#request) this.error = (error as Error).message;
    } finally {
      if (request === this.#request) this.busy = false;
    }
  }
}
