/**
 * The engine's own seeded randomness: TensorFlow.js ignores initializer seeds
 * and its random ops cannot be saved and restored, so every random number a
 * run uses (initial weights, noise, shuffles, augmentations) comes from here.
 * The state is four 32-bit words that a checkpoint stores, which makes a
 * resumed run continue exactly as if it had never stopped.
 *
 * Generator: xoshiro128** (Blackman and Vigna), seeded through splitmix32.
 */
export type RandomState = readonly [number, number, number, number];

export class SeededRandom {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  constructor(seed: number) {
    let x = seed >>> 0;
    const splitmix = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = splitmix();
    this.#s1 = splitmix();
    this.#s2 = splitmix();
    this.#s3 = splitmix();
  }

  static fromState(state: RandomState): SeededRandom {
    const random = new SeededRandom(0);
    random.state = state;
    return random;
  }

  get state(): RandomState {
    return [this.#s0, this.#s1, this.#s2, this.#s3];
  }

  set state(state: RandomState) {
    if (state.length !== 4 || state.every((word) => word === 0)) throw new Error('a random state is four 32-bit words, not all zero');
    [this.#s0, this.#s1, this.#s2, this.#s3] = state.map((word) => word >>> 0) as [number, number, number, number];
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.#s1 << 9) >>> 0;
    this.#s2 = (this.#s2 ^ this.#s0) >>> 0;
    this.#s3 = (this.#s3 ^ this.#s1) >>> 0;
    this.#s1 = (this.#s1 ^ this.#s2) >>> 0;
    this.#s0 = (this.#s0 ^ this.#s3) >>> 0;
    this.#s2 = (this.#s2 ^ t) >>> 0;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** A whole number in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal by Box–Muller, two uniforms per draw and nothing cached, so the state alone says what comes next. */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1]: log(0) would be -Infinity.
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Fills `target` with N(mean, std²) draws. */
  fillNormal(target: Float32Array, mean = 0, std = 1): Float32Array {
    for (let index = 0; index < target.length; index++) target[index] = mean + std * this.normal();
    return target;
  }

  /** A Fisher–Yates shuffle of 0..n-1. */
  permutation(n: number): Uint32Array {
    const order = new Uint32Array(n);
    for (let index = 0; index < n; index++) order[index] = index;
    for (let index = n - 1; index > 0; index--) {
      const other = this.below(index + 1);
      [order[index], order[other]] = [order[other]!, order[index]!];
    }
    return order;
  }
}

function rotl(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}
