import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { hammingDistance, nearDuplicateDistance, perceptualHash, perceptualHashOfBytes } from '../../../../main/datasets/perceptual-hash';
import { patternImage } from './fixtures';

describe('perceptual hash', () => {
  let original: Buffer;
  let originalHash: string;

  beforeAll(async () => {
    original = await patternImage(7, 320, 240).png().toBuffer();
    originalHash = await perceptualHashOfBytes(original);
  });

  it('is 16 hex digits and the same every time', async () => {
    expect(originalHash).toMatch(/^[0-9a-f]{16}$/);
    expect(await perceptualHashOfBytes(Buffer.from(original))).toBe(originalHash);
  });

  it('keeps a resized, recompressed copy within the near-duplicate distance', async () => {
    const copy = await sharp(original).resize(200).jpeg({ quality: 70 }).toBuffer();
    expect(hammingDistance(originalHash, await perceptualHashOfBytes(copy))).toBeLessThanOrEqual(nearDuplicateDistance);
  });

  it('matches a photo stored sideways with an EXIF rotation to its upright copy', async () => {
    const upright = await sharp(original).rotate(90).png().toBuffer();
    const sideways = await sharp(original).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    const distance = hammingDistance(await perceptualHashOfBytes(upright), await perceptualHashOfBytes(sideways));
    expect(distance).toBeLessThanOrEqual(nearDuplicateDistance);
  });

  it('puts different pictures far apart', async () => {
    const others = await Promise.all([8, 9, 10, 11].map((seed) => perceptualHash(patternImage(seed, 320, 240))));
    for (const other of others) expect(hammingDistance(originalHash, other)).toBeGreaterThan(2 * nearDuplicateDistance);
  });

  it('hashes transparent pixels as the white they are shown on', async () => {
    const clear = sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } });
    const white = sharp({ create: { width: 32, height: 32, channels: 3, background: '#ffffff' } });
    expect(await perceptualHash(clear)).toBe(await perceptualHash(white));
  });

  it('counts the bits two hashes differ in', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(RangeError);
  });
});
