import { describe, expect, it } from 'vitest';
import { HashIndex, hashBitsApart, splitHash, type SplitHash } from '../../../../main/gallery/hash-index';

describe('perceptual hash index', () => {
  it('finds exactly the hashes a scan finds, up to 7 bits apart', () => {
    let state = 7;
    const random32 = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0);
    const flipBits = (hash: SplitHash, bits: number): SplitHash => {
      let { high, low } = hash;
      for (let n = 0; n < bits; n++) {
        const bit = random32() % 64;
        if (bit < 32) high = (high ^ (1 << bit)) >>> 0;
        else low = (low ^ (1 << (bit - 32))) >>> 0;
      }
      return { high, low };
    };
    const index = new HashIndex();
    const hashes: SplitHash[] = [];
    for (let n = 0; n < 3000; n++) {
      // Clusters of close hashes among unrelated ones, as similar pictures give.
      const hash = n % 3 === 0 || hashes.length === 0 ? { high: random32(), low: random32() } : flipBits(hashes[random32() % hashes.length]!, random32() % 10);
      hashes.push(hash);
      index.add(hash);
    }
    for (let query = 0; query < 300; query++) {
      const hash = flipBits(hashes[random32() % hashes.length]!, random32() % 8);
      for (const maxBits of [0, 3, 7]) {
        const found: number[] = [];
        index.near(hash, maxBits, (at) => found.push(at));
        const scanned = hashes.flatMap((other, at) => (hashBitsApart(other, hash) <= maxBits ? [at] : []));
        expect(found.sort((a, b) => a - b)).toEqual(scanned);
      }
    }
    expect(() => index.near(hashes[0]!, 8, () => {})).toThrow(RangeError);
  });

  it('reads the hex the fingerprints store', () => {
    expect(splitHash('80000000000000ff')).toEqual({ high: 0x80000000, low: 0xff });
    expect(hashBitsApart(splitHash('ffffffffffffffff'), splitHash('0000000000000000'))).toBe(64);
  });
});
