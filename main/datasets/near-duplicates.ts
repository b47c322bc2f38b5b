/**
 * Finds the earlier item a new one nearly duplicates. Candidates come from the
 * 64-bit perceptual hash without comparing against every item: two hashes at
 * most 7 bits apart agree exactly on at least one of their 8 bytes
 * (pigeonhole), so only items sharing a byte at the same position are looked
 * at. Each candidate is then confirmed on its grey signature.
 */
import { nearDuplicateSignatureDistance, signatureDistance, type ImageFingerprint } from './fingerprint';

const maxHashDistance = 7;

interface Entry {
  readonly id: number;
  readonly high: number;
  readonly low: number;
  readonly signature: Uint8Array;
}

export class NearDuplicateIndex {
  readonly #hashThreshold: number;
  readonly #signatureThreshold: number;
  /** Per byte position, byte value → indexes into #entries. */
  readonly #buckets: Map<number, number[]>[] = Array.from({ length: 8 }, () => new Map());
  readonly #entries: Entry[] = [];

  /** `hashThreshold`: the most hash bits a near duplicate may differ in (at most 7). */
  constructor(hashThreshold: number, signatureThreshold = nearDuplicateSignatureDistance) {
    if (hashThreshold > maxHashDistance) throw new Error(`a hash threshold above ${maxHashDistance} bits defeats the index`);
    this.#hashThreshold = hashThreshold;
    this.#signatureThreshold = signatureThreshold;
  }

  add(id: number, fingerprint: ImageFingerprint): void {
    const [high, low] = split(fingerprint.phash);
    const index = this.#entries.push({ id, high, low, signature: fingerprint.signature }) - 1;
    bytesOf(high, low).forEach((value, position) => {
      const bucket = this.#buckets[position]!;
      const list = bucket.get(value);
      if (list) list.push(index);
      else bucket.set(value, [index]);
    });
  }

  /** The id of the most similar earlier item within both thresholds (the earliest on a tie), or null. */
  find(fingerprint: ImageFingerprint): number | null {
    const [high, low] = split(fingerprint.phash);
    let best: { id: number; distance: number } | null = null;
    const seen = new Set<number>();
    bytesOf(high, low).forEach((value, position) => {
      for (const index of this.#buckets[position]!.get(value) ?? []) {
        if (seen.has(index)) continue;
        seen.add(index);
        const entry = this.#entries[index]!;
        const bits = popcount((entry.high ^ high) >>> 0) + popcount((entry.low ^ low) >>> 0);
        if (bits > this.#hashThreshold) continue;
        const distance = signatureDistance(entry.signature, fingerprint.signature);
        if (distance <= this.#signatureThreshold && (!best || distance < best.distance || (distance === best.distance && entry.id < best.id))) {
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
