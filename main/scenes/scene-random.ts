import { SeededRandom } from '../engine/random';

/**
 * The draws a scene description makes, on the engine's xoshiro128** generator,
 * so that a seed names one scene on every machine and in every version that
 * keeps the order of draws.
 */
export class SceneRandom {
  readonly #random: SeededRandom;

  constructor(seed: number) {
    this.#random = new SeededRandom(seed);
  }

  /** Uniform in [low, high). */
  between(low: number, high: number): number {
    return low + (high - low) * this.#random.uniform();
  }

  /** A whole number in [low, high]. */
  integer(low: number, high: number): number {
    return low + this.#random.below(high - low + 1);
  }

  chance(probability: number): boolean {
    return this.#random.uniform() < probability;
  }

  pick<T>(choices: readonly T[]): T {
    return choices[this.#random.below(choices.length)]!;
  }
}
