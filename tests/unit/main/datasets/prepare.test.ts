import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { cacheFingerprint, prepareImages, type ImagePreparation, type PrepareImagesOptions, type PrepareItem } from '../../../../main/datasets/prepare';
import { openTensorCache } from '../../../../main/formats/tensor-cache';

/** A 4 × 2 picture whose eight pixels all differ: [10,20,30], [40,50,60] … row by row. */
const stripePixels = Uint8Array.from({ length: 24 }, (_, index) => 10 * (index + 1));

let folder: string;
let stripe: string;
let scenes: string[];

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'studio-prepare-'));
  stripe = join(folder, 'stripe.png');
  await sharp(stripePixels, { raw: { width: 4, height: 2, channels: 3 } }).png().toFile(stripe);
  scenes = await Promise.all(
    [0, 1, 2].map(async (variant) => {
      const path = join(folder, `scene-${variant}.png`);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="40">
        <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#fa0"/><stop offset="1" stop-color="#03c"/></linearGradient></defs>
        <rect width="48" height="40" fill="url(#g)"/>
        <circle cx="${12 + variant * 10}" cy="${14 + variant * 5}" r="7" fill="#fff"/>
        <rect x="${30 - variant * 6}" y="4" width="9" height="30" fill="#120"/>
      </svg>`;
      await sharp(Buffer.from(svg)).png().toFile(path);
      return path;
    }),
  );
});

let outputs = 0;
function options(preparation: Partial<ImagePreparation> = {}): PrepareImagesOptions {
  outputs += 1;
  return {
    resolution: 2,
    channels: 3,
    crop: 'center',
    mirror: false,
    seed: 1,
    outputPath: join(folder, `out-${outputs}.lstc`),
    classNames: ['one', 'two'],
    fingerprint: 'test',
    ...preparation,
  };
}

function readAll(path: string): Uint8Array[] {
  const cache = openTensorCache(path);
  try {
    return Array.from({ length: cache.header.count }, (_, index) => cache.readExample(index));
  } finally {
    cache.close();
  }
}

describe('preparing images', () => {
  it('centre-crops to the middle of the longer side, pixel for pixel', async () => {
    const settings = options({ resolution: 2, crop: 'center' });
    const header = await prepareImages([{ blobPath: stripe, label: 1 }], settings);
    expect(header).toMatchObject({ count: 1, height: 2, width: 2, channels: 3, labels: [1], classNames: ['one', 'two'], fingerprint: 'test' });
    const [only] = readAll(settings.outputPath);
    // Columns 1 and 2 of the 4 × 2 stripe.
    expect([...(only as Uint8Array)]).toEqual([/* top row */ 40, 50, 60, 70, 80, 90, /* bottom row */ 160, 170, 180, 190, 200, 210]);
  });

  it('pads with mid grey above and below a wide picture, pixel for pixel', async () => {
    const settings = options({ resolution: 4, crop: 'pad' });
    await prepareImages([{ blobPath: stripe, label: null }], settings);
    const [only] = readAll(settings.outputPath);
    const grey = Array.from({ length: 12 }, () => 128);
    expect([...(only as Uint8Array)]).toEqual([...grey, ...stripePixels, ...grey]);
  });

  it('makes one grey channel when asked, with the same mid-grey padding', async () => {
    const settings = options({ resolution: 4, crop: 'pad', channels: 1 });
    const header = await prepareImages([{ blobPath: stripe, label: null }], settings);
    expect(header).toMatchObject({ channels: 1, labels: null });
    const [only] = readAll(settings.outputPath) as [Uint8Array];
    expect(only.length).toBe(16);
    expect([...only.subarray(0, 4)]).toEqual([128, 128, 128, 128]);
    // Brighter stripe pixels stay brighter in grey.
    const middleRow = [...only.subarray(4, 8)];
    expect(middleRow).toEqual([...middleRow].sort((a, b) => a - b));
  });

  it('turns pictures upright by their EXIF orientation and puts transparent areas on mid grey', async () => {
    const sideways = join(folder, 'sideways.jpg');
    // Stored 8 wide and 4 high, but tagged to be shown turned a quarter: 4 wide and 8 high.
    await sharp({ create: { width: 8, height: 4, channels: 3, background: '#000' } }).jpeg({ quality: 100 }).withMetadata({ orientation: 6 }).toFile(sideways);
    const clear = join(folder, 'clear.png');
    await sharp({ create: { width: 4, height: 4, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 0 } } }).png().toFile(clear);
    const settings = options({ resolution: 4, crop: 'pad', channels: 1 });
    await prepareImages([{ blobPath: sideways, label: null }, { blobPath: clear, label: null }], settings);
    const [upright, transparent] = readAll(settings.outputPath) as [Uint8Array, Uint8Array];
    // Padding at the left and right columns, the black picture between them.
    for (let row = 0; row < 4; row++) expect([...upright.subarray(row * 4, row * 4 + 4)]).toEqual([128, 0, 0, 128]);
    expect([...transparent]).toEqual(Array.from({ length: 16 }, () => 128));
  });

  it('adds a mirrored copy right after each picture when mirroring', async () => {
    const settings = options({ resolution: 2, crop: 'center', mirror: true });
    const header = await prepareImages([{ blobPath: stripe, label: 0 }, { blobPath: scenes[0] as string, label: 1 }], settings);
    expect(header).toMatchObject({ count: 4, labels: [0, 0, 1, 1] });
    const [original, mirrored] = readAll(settings.outputPath);
    expect([...(mirrored as Uint8Array)]).toEqual([/* top row */ 70, 80, 90, 40, 50, 60, /* bottom row */ 190, 200, 210, 160, 170, 180]);
    expect(original).not.toEqual(mirrored);
  });

  it('gives the same random crops for the same seed and different ones for another seed', async () => {
    const items = scenes.map((blobPath) => ({ blobPath, label: null }));
    const first = options({ resolution: 32, crop: 'random', seed: 7 });
    const again = options({ resolution: 32, crop: 'random', seed: 7 });
    const other = options({ resolution: 32, crop: 'random', seed: 8 });
    for (const settings of [first, again, other]) await prepareImages(items, settings);
    expect(readFileSync(first.outputPath).equals(readFileSync(again.outputPath))).toBe(true);
    expect(readFileSync(first.outputPath).equals(readFileSync(other.outputPath))).toBe(false);
    expect(readAll(first.outputPath)[0]).toHaveLength(32 * 32 * 3);
  });

  it('crops both halves of a pair alike when they are prepared with the same seed', async () => {
    // As for grey → colour pairs: same pictures, same order, same seed, different channels.
    const items = scenes.map((blobPath) => ({ blobPath, label: null }));
    const colour = options({ resolution: 32, crop: 'random', seed: 11, mirror: true });
    const grey = options({ resolution: 32, crop: 'random', seed: 11, mirror: true, channels: 1 });
    await prepareImages(items, colour);
    await prepareImages(items, grey);
    const greyExamples = readAll(grey.outputPath);
    for (const [index, example] of readAll(colour.outputPath).entries()) {
      const greyOfColour = await sharp(example, { raw: { width: 32, height: 32, channels: 3 } }).toColourspace('b-w').raw().toBuffer();
      const largestDifference = Math.max(...greyOfColour.map((value, pixel) => Math.abs(value - (greyExamples[index] as Uint8Array)[pixel]!)));
      expect(largestDifference).toBeLessThanOrEqual(3);
    }
  });

  it('keeps the dataset order whichever image finishes first, and reports progress', async () => {
    const items: PrepareItem[] = [...scenes, stripe, ...scenes].map((blobPath, index) => ({ blobPath, label: index % 2 }));
    const settings = options({ resolution: 8 });
    const progress: [number, number][] = [];
    await prepareImages(items, settings, (done, total) => progress.push([done, total]));
    expect(progress).toEqual(Array.from({ length: 8 }, (_, done) => [done, 7]));
    const prepared = readAll(settings.outputPath);
    for (let index = 0; index < 3; index++) expect(prepared[index]).toEqual(prepared[index + 4]);
  });

  it('leaves no file when cancelled, part way or before it starts', async () => {
    const items = Array.from({ length: 12 }, (_, index) => ({ blobPath: scenes[index % 3] as string, label: null }));
    const controller = new AbortController();
    const settings = options({ resolution: 16 });
    const before = readdirSync(folder).length;
    const preparing = prepareImages(items, settings, (done) => {
      if (done === 2) controller.abort();
    }, controller.signal);
    await expect(preparing).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(settings.outputPath)).toBe(false);
    expect(readdirSync(folder)).toHaveLength(before);

    const cancelled = options();
    await expect(prepareImages(items, cancelled, undefined, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(cancelled.outputPath)).toBe(false);
  });

  it('refuses bad settings, labels and unreadable images with a message to act on', async () => {
    const item = { blobPath: stripe, label: null };
    await expect(prepareImages([], options())).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(prepareImages([item], options({ resolution: 0 }))).rejects.toThrow(/resolution/);
    await expect(prepareImages([item], options({ crop: 'squash' as 'pad' }))).rejects.toThrow(/Unknown crop/);
    await expect(prepareImages([{ blobPath: stripe, label: 2 }], options())).rejects.toThrow(/label 2, but there are 2 classes/);
    const settings = options();
    await expect(prepareImages([item, { blobPath: join(folder, 'missing.png'), label: null }], settings)).rejects.toThrow(/missing\.png/);
    expect(existsSync(settings.outputPath)).toBe(false);
  });
});

describe('cache fingerprints', () => {
  const preparation: ImagePreparation = { resolution: 64, channels: 3, crop: 'center', mirror: false, seed: 1 };
  const items = [
    { blobHash: 'aaa', label: 0 },
    { blobHash: 'bbb', label: null },
  ];
  const fingerprint = (changes: Partial<Parameters<typeof cacheFingerprint>[0]> = {}) => cacheFingerprint({ items, classNames: ['x'], preparation, ...changes });

  it('stays the same for the same dataset and changes when the cache would', () => {
    expect(fingerprint()).toBe(fingerprint());
    expect(fingerprint()).toMatch(/^[0-9a-f]{64}$/);
    const changed = [
      fingerprint({ items: [...items].reverse() }),
      fingerprint({ items: [items[0] as (typeof items)[0], { blobHash: 'bbb', label: 0 }] }),
      fingerprint({ items: items.slice(0, 1) }),
      fingerprint({ classNames: ['y'] }),
      fingerprint({ preparation: { ...preparation, resolution: 32 } }),
      fingerprint({ preparation: { ...preparation, mirror: true } }),
      fingerprint({ preparation: { ...preparation, crop: 'random' } }),
    ];
    expect(new Set([fingerprint(), ...changed]).size).toBe(changed.length + 1);
  });

  it('ignores the seed unless the crops are random', () => {
    expect(fingerprint({ preparation: { ...preparation, seed: 2 } })).toBe(fingerprint());
    const random = { ...preparation, crop: 'random' as const };
    expect(fingerprint({ preparation: { ...random, seed: 2 } })).not.toBe(fingerprint({ preparation: random }));
  });
});
