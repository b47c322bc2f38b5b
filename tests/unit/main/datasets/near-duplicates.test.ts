import { describe, expect, it } from 'vitest';
import { NearDuplicateIndex } from '../../../../main/datasets/near-duplicates';

/** Flips the given bit positions (0 = most significant) of a 16-hex-digit hash. */
function flip(hash: string, ...bits: number[]): string {
  let value = BigInt(`0x${hash}`);
  for (const bit of bits) value ^= 1n << BigInt(63 - bit);
  return value.toString(16).padStart(16, '0');
}

describe('near-duplicate index', () => {
  const base = 'f0e1d2c3b4a59687';

  it('finds an earlier hash within the threshold, even when every byte but one differs', () => {
    const index = new NearDuplicateIndex(7);
    index.add(1, base);
    expect(index.find(base)).toBe(1);
    expect(index.find(flip(base, 0, 9, 18, 27, 36, 45, 54))).toBe(1);
  });

  it('ignores hashes further away than the threshold', () => {
    const index = new NearDuplicateIndex(4);
    index.add(1, base);
    expect(index.find(flip(base, 0, 9, 18, 27, 36))).toBeNull();
    expect(index.find('0f1e2d3c4b5a6978')).toBeNull();
  });

  it('prefers the closest match, then the earliest', () => {
    const index = new NearDuplicateIndex(6);
    index.add(5, flip(base, 1, 2, 3));
    index.add(7, flip(base, 4));
    index.add(9, flip(base, 5));
    expect(index.find(base)).toBe(7);
  });

  it('agrees with a brute-force scan on random hashes', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8).toString(16).padStart(6, '0');
    const hashes = Array.from({ length: 400 }, () => `${random()}${random()}`.slice(0, 16).padEnd(16, '0'));
    const near = hashes.map((hash, n) => (n % 3 === 0 ? flip(hash, n % 64, (n * 7) % 64) : hash));
    const index = new NearDuplicateIndex(6);
    hashes.forEach((hash, id) => index.add(id, hash));
    const distance = (a: string, b: string) => (BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(2).replaceAll('0', '').length;
    for (const query of near.slice(0, 100)) {
      const candidates = hashes.map((hash, id) => ({ id, d: distance(hash, query) })).filter((c) => c.d <= 6);
      candidates.sort((a, b) => a.d - b.d || a.id - b.id);
      expect(index.find(query)).toBe(candidates[0]?.id ?? null);
    }
  });
});
