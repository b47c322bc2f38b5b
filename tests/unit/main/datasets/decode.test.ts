import { randomBytes } from 'node:crypto';
import sharp, { type Sharp } from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseImage, type NormalisedImage } from '../../../../main/datasets/decode';
import { isImportProblem, type ImportProblem } from '../../../../main/datasets/problems';
import { asAnimatedPng, patternImage, pngClaiming } from './fixtures';

const limits = { maxPixels: 50_000_000 };

async function decoded(bytes: Buffer, source = 'photos/picture'): Promise<NormalisedImage> {
  const result = await normaliseImage(bytes, source, limits);
  if (isImportProblem(result)) throw new Error(`expected an image, got: ${result.message}`);
  return result;
}

async function refused(bytes: Buffer, source: string): Promise<ImportProblem> {
  const result = await normaliseImage(bytes, source, limits);
  if (!isImportProblem(result)) throw new Error(`expected a problem, got a ${result.width}×${result.height} image`);
  expect(result.source).toBe(source);
  expect(result.message.startsWith(`${source} `)).toBe(true);
  return result;
}

describe('normaliseImage', () => {
  const formats: Record<string, Buffer> = {};

  beforeAll(async () => {
    const picture = patternImage(1, 64, 48);
    formats['png'] = await picture.clone().png().toBuffer();
    formats['jpeg'] = await picture.clone().jpeg({ quality: 90 }).toBuffer();
    formats['webp'] = await picture.clone().webp().toBuffer();
    formats['avif'] = await picture.clone().avif({ effort: 0 }).toBuffer();
    formats['tiff'] = await picture.clone().tiff().toBuffer();
    formats['gif'] = await picture.clone().gif().toBuffer();
  });

  it.each([
    ['png', 'image/png'],
    ['jpeg', 'image/jpeg'],
    ['webp', 'image/webp'],
    ['avif', 'image/avif'],
  ])('keeps a plain %s byte for byte', async (format, mediaType) => {
    const original = formats[format]!;
    const image = await decoded(original);
    expect(image).toMatchObject({ mediaType, width: 64, height: 48, channels: 3 });
    expect(image.bytes.equals(original)).toBe(true);
  });

  it.each(['tiff', 'gif'])('stores a %s as PNG', async (format) => {
    const image = await decoded(formats[format]!);
    expect(image.mediaType).toBe('image/png');
    expect(await sharp(image.bytes).metadata()).toMatchObject({ format: 'png', width: 64, height: 48 });
  });

  it('rasterises an SVG at its declared size', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="30" height="10"><rect width="30" height="10" fill="#c04020"/></svg>');
    const image = await decoded(svg);
    expect(image).toMatchObject({ mediaType: 'image/png', width: 30, height: 10 });
  });

  it('applies an EXIF rotation and reports the upright size', async () => {
    const sideways = await patternImage(2, 64, 48).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const image = await decoded(sideways);
    expect(image).toMatchObject({ mediaType: 'image/png', width: 48, height: 64 });
    const stored = await sharp(image.bytes).metadata();
    expect(stored).toMatchObject({ width: 48, height: 64 });
    expect(stored.orientation).toBeUndefined();
  });

  it('keeps a JPEG whose EXIF says it is already upright', async () => {
    const upright = await patternImage(2, 64, 48).jpeg().withMetadata({ orientation: 1 }).toBuffer();
    expect((await decoded(upright)).bytes.equals(upright)).toBe(true);
  });

  it('stores only the first frame of an animation', async () => {
    const frame = (colour: string) => sharp({ create: { width: 32, height: 24, channels: 3, background: colour } }).png().toBuffer();
    const frames = [await frame('#ff0000'), await frame('#0000ff')];
    for (const animation of [
      await sharp(frames, { join: { animated: true } }).gif().toBuffer(),
      await sharp(frames, { join: { animated: true } }).webp({ lossless: true }).toBuffer(),
    ]) {
      const image = await decoded(animation);
      expect(image).toMatchObject({ mediaType: 'image/png', width: 32, height: 24 });
      const firstPixel = await sharp(image.bytes).raw().toBuffer();
      expect([...firstPixel.subarray(0, 3)]).toEqual([255, 0, 0]);
    }
  });

  it('re-encodes an APNG so the stored blob is a still', async () => {
    const still = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } }).png().toBuffer();
    const image = await decoded(asAnimatedPng(still, 32, 24));
    expect(image.mediaType).toBe('image/png');
    expect(image.bytes.includes('acTL')).toBe(false);
  });

  it('gives the same bytes for the same input', async () => {
    const sideways = await patternImage(3, 64, 48).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const [first, second] = await Promise.all([decoded(sideways), decoded(Buffer.from(sideways))]);
    expect(first.bytes.equals(second.bytes)).toBe(true);
  });

  it('reports an empty file', async () => {
    const problem = await refused(Buffer.alloc(0), 'photos/empty.png');
    expect(problem).toMatchObject({ kind: 'empty', message: 'photos/empty.png is empty (0 bytes).' });
  });

  const encoders: Record<string, (image: Sharp) => Sharp> = {
    png: (image) => image.png(),
    jpeg: (image) => image.jpeg(),
    webp: (image) => image.webp(),
    gif: (image) => image.gif(),
    avif: (image) => image.avif({ effort: 0 }),
    tiff: (image) => image.tiff(),
  };

  it.each(Object.keys(encoders))('reports a %s cut in half as truncated', async (format) => {
    const whole = await encoders[format]!(patternImage(4, 200, 150)).toBuffer();
    const problem = await refused(whole.subarray(0, whole.length >> 1), `photos/cut.${format}`);
    expect(problem).toMatchObject({
      kind: 'truncated',
      message: `photos/cut.${format} is truncated: the file ends before the image does (was it copied or downloaded completely?).`,
    });
  });

  it('reports damaged image data as corrupt', async () => {
    const png = await patternImage(5, 200, 150).png().toBuffer();
    const damaged = Buffer.from(png);
    for (let index = damaged.length >> 1; index < (damaged.length >> 1) + 32; index++) damaged[index]! ^= 0x5a;
    const problem = await refused(damaged, 'photos/damaged.png');
    expect(problem.kind).toBe('corrupt');
    expect(problem.message).toMatch(/^photos\/damaged\.png is damaged and cannot be decoded \(.+\)\.$/);
  });

  it('reports random bytes and text as not an image', async () => {
    expect((await refused(randomBytes(4096), 'photos/noise.jpg')).kind).toBe('not-an-image');
    expect((await refused(Buffer.from('name,score\ncat,3\n'), 'photos/scores.csv')).kind).toBe('not-an-image');
    expect((await refused(Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'), 'photos/scan.pdf')).kind).toBe('not-an-image');
  });

  it.each([
    ['BMP', Buffer.concat([Buffer.from('BM'), Buffer.alloc(12), Buffer.from([40, 0, 0, 0]), Buffer.alloc(64)])],
    ['HEIC', Buffer.concat([Buffer.from('0000001866747970686569630000000068656963', 'hex'), Buffer.from('6d69663100000000', 'hex'), Buffer.alloc(64)])],
    ['JPEG XL', Buffer.concat([Buffer.from([0xff, 0x0a]), randomBytes(64)])],
    ['Photoshop (PSD)', Buffer.concat([Buffer.from('8BPS'), Buffer.alloc(64)])],
  ])('names a %s file as an unsupported format', async (format, bytes) => {
    const problem = await refused(bytes, 'photos/file');
    expect(problem).toMatchObject({ kind: 'unsupported', message: `photos/file is a ${format} image, which the studio cannot read; convert it to PNG or JPEG.` });
  });

  it('refuses a header claiming 30000×30000 pixels without decoding it', async () => {
    const started = performance.now();
    const rssBefore = process.memoryUsage().rss;
    const problem = await refused(pngClaiming(30_000, 30_000), 'photos/huge.png');
    expect(problem).toMatchObject({
      kind: 'too-large',
      message: 'photos/huge.png is too large: 30000 × 30000 pixels is more than the 50,000,000-pixel limit.',
    });
    expect(performance.now() - started).toBeLessThan(1_000);
    // Decoding would need 2.7 GB; a refusal needs next to nothing.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses an SVG that would rasterise past the limit', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="100000"/>');
    expect((await refused(svg, 'photos/poster.svg')).kind).toBe('too-large');
  });
});
