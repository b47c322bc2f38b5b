import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { fingerprintOf } from '../../../../main/datasets/fingerprint';
import { NearDuplicateIndex } from '../../../../main/datasets/near-duplicates';
import { nearDuplicateDistance } from '../../../../main/datasets/perceptual-hash';

/** The hash-only tests give every item the same signature, so the hash alone decides. */
const sameLook = new Uint8Array(256);
const print = (phash: string, signature = sameLook) => ({ phash, signature });

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
    index.add(1, print(base));
    expect(index.find(print(base))).toBe(1);
    expect(index.find(print(flip(base, 0, 9, 18, 27, 36, 45, 54)))).toBe(1);
  });

  it('ignores hashes further away than the threshold', () => {
    const index = new NearDuplicateIndex(4);
    index.add(1, print(base));
    expect(index.find(print(flip(base, 0, 9, 18, 27, 36)))).toBeNull();
    expect(index.find(print('0f1e2d3c4b5a6978'))).toBeNull();
  });

  it('prefers the candidate whose signature is closest', () => {
    const index = new NearDuplicateIndex(6);
    const look = (value: number) => Uint8Array.from({ length: 256 }, (_, n) => (n % 2 ? value : 0));
    index.add(5, print(flip(base, 1, 2, 3), look(1)));
    index.add(7, print(flip(base, 4), look(3)));
    index.add(9, print(flip(base, 5), look(2)));
    expect(index.find(print(base, look(0)))).toBe(5);
  });

  it('agrees with a brute-force scan on random hashes', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8).toString(16).padStart(6, '0');
    const hashes = Array.from({ length: 400 }, () => `${random()}${random()}`.slice(0, 16).padEnd(16, '0'));
    const near = hashes.map((hash, n) => (n % 3 === 0 ? flip(hash, n % 64, (n * 7) % 64) : hash));
    const index = new NearDuplicateIndex(6);
    hashes.forEach((hash, id) => index.add(id, print(hash)));
    const distance = (a: string, b: string) => (BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(2).replaceAll('0', '').length;
    for (const query of near.slice(0, 100)) {
      const candidates = hashes.map((hash, id) => ({ id, d: distance(hash, query) })).filter((c) => c.d <= 6);
      candidates.sort((a, b) => a.d - b.d || a.id - b.id);
      expect(index.find(print(query))).toBe(candidates[0]?.id ?? null);
    }
  });

  it('tells re-saved copies from different pictures of the same kind, on real Fashion-MNIST', async () => {
    const images = gunzipSync(readFileSync('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz'));
    const png = (n: number) => sharp(images.subarray(16 + n * 784, 16 + (n + 1) * 784), { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer();
    const index = new NearDuplicateIndex(nearDuplicateDistance);
    let flagged = 0;
    for (let n = 0; n < 600; n++) {
      const fingerprint = await fingerprintOf(await png(n));
      if (index.find(fingerprint) !== null) flagged++;
      index.add(n, fingerprint);
    }
    // A handful of Fashion-MNIST's images really are near-identical; thousands of shirts are not.
    expect(flagged).toBeLessThan(12);
    for (const n of [3, 17, 42]) {
      const copy = await sharp(await png(n)).resize(112, 112).jpeg({ quality: 70 }).toBuffer();
      expect(index.find(await fingerprintOf(copy))).toBe(n);
    }
  });
});
