/**
 * Finds an earlier item whose 64-bit perceptual hash is within a few bits of
 * a new one, without comparing against every item: two hashes at most 7 bits
 * apart agree exactly on at least one of their 8 bytes (pigeonhole), so only
 * items sharing a byte at the same position are candidates.
 */
const maxDistance = 7;

export class NearDuplicateIndex {
  readonly #threshold: number;
  /** Per byte position, byte value → indexes into #entries. */
  readonly #buckets: Map<number, number[]>[] = Array.from({ length: 8 }, () => new Map());
  readonly #entries: { id: number; high: number; low: number }[] = [];

  /** `threshold`: the largest Hamming distance that still counts as a near duplicate (at most 7). */
  constructor(threshold: number) {
    if (threshold > maxDistance) throw new Error(`a near-duplicate threshold above ${maxDistance} bits defeats the index`);
    this.#threshold = threshold;
  }

  add(id: number, hashHex: string): void {
    const [high, low] = split(hashHex);
    const index = this.#entries.push({ id, high, low }) - 1;
    bytesOf(high, low).forEach((value, position) => {
      const bucket = this.#buckets[position]!;
      const list = bucket.get(value);
      if (list) list.push(index);
      else bucket.set(value, [index]);
    });
  }

  /** The id of the closest earlier item within the threshold, or null. */
  find(hashHex: string): number | null {
    const [high, low] = split(hashHex);
    let best: { id: number; distance: number } | null = null;
    const seen = new Set<number>();
    bytesOf(high, low).forEach((value, position) => {
      for (const index of this.#buckets[position]!.get(value) ?? []) {
        if (seen.has(index)) continue;
        seen.add(index);
        const entry = this.#entries[index]!;
        const distance = popcount((entry.high ^ high) >>> 0) + popcount((entry.low ^ low) >>> 0);
        if (distance <= this.#threshold && (!best || distance < best.distance || (distance === best.distance && entry.id < best.id))) {
          best = { id: entry.id, distance };
        }
      }
    });
    return (best as { id: number } | null)?.id ?? null;
  }
}

function split(hashHex: string): [number, number] {
  return [Number.parseInt(hashHex.slice(0, 8), 16), Number.parseInt(hashHex.slice(8, 16), 16)];
}

function bytesOf(high: number, low: number): number[] {
  return [24, 16, 8, 0].map((shift) => (high >>> shift) & 0xff).concat([24, 16, 8, 0].map((shift) => (low >>> shift) & 0xff));
}

function popcount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
