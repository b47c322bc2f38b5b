import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineDrawing } from '../../../../main/datasets/line-drawing';
import { alignedThreshold, checkPair, greyscaleOf } from '../../../../main/datasets/pair-tools';

/** A small drawn scene, opaque like a photo: shapes of different colours and brightness over a gradient. */
function scene(variant: 'shapes' | 'others', size = 256): Promise<Buffer> {
  const shapes =
    variant === 'shapes'
      ? '<circle cx="90" cy="100" r="50" fill="#d33"/><rect x="140" y="130" width="80" height="90" fill="#135" transform="rotate(12 180 175)"/><ellipse cx="180" cy="60" rx="40" ry="20" fill="#fd4"/><polygon points="30,230 90,160 120,240" fill="#24c"/>'
      : '<circle cx="190" cy="180" r="40" fill="#4ad"/><rect x="30" y="30" width="70" height="120" fill="#a3c"/><polygon points="120,40 240,90 150,120" fill="#e82"/>';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 256 256">
    <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#cde"/><stop offset="1" stop-color="#876"/></linearGradient></defs>
    <rect width="256" height="256" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
}

/** The picture moved `by` pixels to the right, grey showing at the left, at its own size. */
async function shiftedRight(png: Buffer, by: number): Promise<Buffer> {
  const { width, height } = await sharp(png).metadata();
  const widened = await sharp(png).extend({ left: by, background: '#888' }).png().toBuffer();
  return sharp(widened).extract({ left: 0, top: 0, width, height }).png().toBuffer();
}

let photo: Buffer;
let drawing: Buffer;
beforeAll(async () => {
  photo = await scene('shapes');
  drawing = await lineDrawing(photo);
});

describe('greyscale halves', () => {
  it('makes a one-channel PNG of the same size, keeping transparency', async () => {
    const grey = await greyscaleOf(photo);
    expect(await sharp(grey).metadata()).toMatchObject({ format: 'png', width: 256, height: 256, channels: 1 });
    const seeThrough = await sharp({ create: { width: 3, height: 2, channels: 4, background: { r: 200, g: 40, b: 40, alpha: 0.5 } } }).png().toBuffer();
    expect(await sharp(await greyscaleOf(seeThrough)).metadata()).toMatchObject({ width: 3, height: 2, channels: 2, hasAlpha: true });
  });

  it('gives grey values that follow brightness', async () => {
    const data = await sharp(await greyscaleOf(photo)).toColourspace('b-w').raw().toBuffer();
    // The yellow ellipse is brighter than the dark blue rectangle.
    expect(data[60 * 256 + 180] as number).toBeGreaterThan((data[175 * 256 + 180] as number) + 100);
  });
});

describe('pair checks', () => {
  it('counts a picture and its own line drawing as aligned', async () => {
    const check = await checkPair(photo, drawing);
    expect(check).toMatchObject({ sameSize: true, aSize: { width: 256, height: 256 }, bSize: { width: 256, height: 256 }, aligned: true });
    expect(check.alignment).toBeGreaterThan(alignedThreshold);
    expect(Math.abs(check.bestShift.dx)).toBeLessThanOrEqual(1);
    expect(Math.abs(check.bestShift.dy)).toBeLessThanOrEqual(1);
  });

  it('counts a picture and its greyscale as aligned, and a larger drawing of the same scene', async () => {
    expect((await checkPair(await greyscaleOf(photo), photo)).aligned).toBe(true);
    const largeDrawing = await lineDrawing(await scene('shapes', 512));
    const check = await checkPair(photo, largeDrawing);
    expect(check).toMatchObject({ sameSize: false, bSize: { width: 512, height: 512 }, aligned: true });
  });

  it('does not count the pair as aligned when one half is 10 px off, and says which way', async () => {
    const check = await checkPair(photo, await shiftedRight(drawing, 10));
    expect(check.aligned).toBe(false);
    expect(check.bestShift.dx).toBeGreaterThanOrEqual(3);
    expect(Math.abs(check.bestShift.dy)).toBeLessThanOrEqual(1);
  });

  it('does not count unrelated pictures as aligned', async () => {
    const others = await scene('others');
    for (const unrelated of [others, await lineDrawing(others)]) {
      const check = await checkPair(photo, unrelated);
      expect(check.aligned).toBe(false);
      expect(check.alignment).toBeLessThan(alignedThreshold / 2);
    }
  });

  it("draws A's edges in magenta over B for a person to judge", async () => {
    const check = await checkPair(drawing, photo);
    const { data, info } = await sharp(check.overlay).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([256, 256, 3]);
    let magenta = 0;
    for (let index = 0; index < data.length; index += 3) if (data[index] === 255 && data[index + 1] === 0 && data[index + 2] === 255) magenta++;
    expect(magenta).toBeGreaterThan(300);
    expect(magenta).toBeLessThan(256 * 256 * 0.2);
  });

  it('keeps the overlay small for a large B', async () => {
    const large = await sharp({ create: { width: 1200, height: 600, channels: 3, background: '#357' } }).png().toBuffer();
    const check = await checkPair(photo, large);
    expect(check.sameSize).toBe(false);
    expect(await sharp(check.overlay).metadata()).toMatchObject({ width: 512, height: 256 });
  });
});
