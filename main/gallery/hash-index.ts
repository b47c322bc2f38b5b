/**
 * Finds the 64-bit perceptual hashes within a few bits of a given one among
 * many, without comparing against each (multi-index hashing). The hash is
 * cut into four 16-bit chunks; two hashes at most 7 bits apart differ in at
 * most one bit in some chunk (four chunks of two or more bits would be 8),
 * so only entries whose chunk equals the query's, or is one bit off it, are
 * candidates: 68 small buckets instead of a scan, where the datasets' index
 * (8-bit chunks, exact) looks at hundreds of entries per query and so does
 * not scale to a gallery of 100,000.
 */
export const maxIndexedBits = 7;

export interface SplitHash {
  readonly high: number;
  readonly low: number;
}

export function splitHash(hex: string): SplitHash {
  return { high: Number.parseInt(hex.slice(0, 8), 16) >>> 0, low: Number.parseInt(hex.slice(8, 16), 16) >>> 0 };
}

export function hashBitsApart(a: SplitHash, b: SplitHash): number {
  return popcount((a.high ^ b.high) >>> 0) + popcount((a.low ^ b.low) >>> 0);
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function chunksOf(hash: SplitHash): [number, number, number, number] {
  return [hash.high >>> 16, hash.high & 0xffff, hash.low >>> 16, hash.low & 0xffff];
}

export class HashIndex {
  readonly #buckets: Map<number, number[]>[] = [new Map(), new Map(), new Map(), new Map()];
  readonly #hashes: SplitHash[] = [];
  /** The query that last saw each entry, so one reached through two chunks is visited once. */
  readonly #seenBy: number[] = [];
  #queries = 0;

  /** Adds a hash; returns its index, in the order added. */
  add(hash: SplitHash): number {
    const index = this.#hashes.push(hash) - 1;
    this.#seenBy.push(-1);
    chunksOf(hash).forEach((value, chunk) => {
      const bucket = this.#buckets[chunk]!;
      const list = bucket.get(value);
      if (list) list.push(index);
      else bucket.set(value, [index]);
    });
    return index;
  }

  /** Calls `visit` for every entry at most `maxBits` (≤ 7) from `hash`. */
  near(hash: SplitHash, maxBits: number, visit: (index: number) => void): void {
    if (maxBits > maxIndexedBits) throw new RangeError(`the index finds hashes at most ${maxIndexedBits} bits apart, not ${maxBits}`);
    const query = this.#queries++;
    chunksOf(hash).forEach((value, chunk) => {
      const bucket = this.#buckets[chunk]!;
      for (let flip = -1; flip < 16; flip++) {
        for (const index of bucket.get(flip < 0 ? value : value ^ (1 << flip)) ?? []) {
          if (this.#seenBy[index] === query) continue;
          this.#seenBy[index] = query;
          if (hashBitsApart(this.#hashes[index]!, hash) <= maxBits) visit(index);
        }
      }
    });
  }
}
