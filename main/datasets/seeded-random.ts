/**
 * A small seeded pseudo-random generator (mulberry32). Dataset preparation
 * uses it instead of Math.random so that the same seed always gives the same
 * crops, and a prepared dataset can be made again byte for byte.
 */

/** Returns a function giving numbers in [0, 1); the same seed gives the same sequence. */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}
