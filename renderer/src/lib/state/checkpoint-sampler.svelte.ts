import type { CheckpointSummary, LatentImage } from '../../../../preload/contract';
import type { Studio } from '../api';
import { randomSeed } from '../training-format';

/** Sixteen images: a 4 × 4 grid, enough to judge a checkpoint at a glance. */
export const sampleCount = 16;

/**
 * Samples a checkpoint's generator: image i of a request is the image of
 * seed + i, so a seed typed again gives the same images, and any one of them
 * can be made again alone. Reroll picks a new seed and samples at once.
 */
export class CheckpointSampler {
  checkpoint = $state.raw<CheckpointSummary | null>(null);
  /** Null while the seed field is empty. */
  seed = $state<number | null>(randomSeed());
  images = $state.raw<readonly LatentImage[]>([]);
  sampling = $state(false);
  error = $state<string | null>(null);

  readonly #studio: Studio;
  #request = 0;

  constructor(studio: Studio) {
    this.#studio = studio;
  }

  /** Shows the sampler for a checkpoint and samples it with the current seed. */
  async open(checkpoint: CheckpointSummary): Promise<void> {
    this.checkpoint = checkpoint;
    this.images = [];
    await this.sample();
  }

  close(): void {
    this.#request += 1;
    this.checkpoint = null;
    this.images = [];
    this.sampling = false;
    this.error = null;
  }

  async sample(): Promise<void> {
    const checkpoint = this.checkpoint;
    const seed = this.seed;
    if (!checkpoint) return;
    if (seed === null) {
      this.error = 'Type a seed, or reroll for a random one.';
      return;
    }
    const request = ++this.#request;
    this.sampling = true;
    this.error = null;
    try {
      const images = await this.#studio.latent.sample({ checkpointId: checkpoint.id, count: sampleCount, seed });
      if (request === this.#request) this.images = images;
    } catch (error) {
      if (request === this.#request) this.error = (error as Error).message;
    } finally {
      if (request === this.#request) this.sampling = false;
    }
  }

  async reroll(): Promise<void> {
    this.seed = randomSeed();
    await this.sample();
  }
}
