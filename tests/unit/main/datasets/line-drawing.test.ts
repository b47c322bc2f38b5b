import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { defaultLineDrawingOptions, detectEdges, lineDrawing, readGreyImage } from '../../../../main/datasets/line-drawing';

/** A white square, pixels 16 to 47 each way, on a black 64 × 64 background. */
function whiteSquareOnBlack(): Promise<Buffer> {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#000"/><rect x="16" y="16" width="32" height="32" fill="#fff"/></svg>';
  return sharp(Buffer.from(svg)).png().toBuffer();
}

async function greyPixels(png: Buffer) {
  const { data, info } = await sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  return { pixels: data, width: info.width, height: info.height };
}

/** Distance in pixels from (x, y) to the square's outline, which runs between pixels 15|16 and 47|48. */
function distanceToOutline(x: number, y: number): number {
  const outside = (value: number) => Math.max(15.5 - value, value - 47.5, 0);
  const dx = outside(x);
  const dy = outside(y);
  if (dx > 0 || dy > 0) return Math.hypot(dx, dy);
  return Math.min(x - 15.5, 47.5 - x, y - 15.5, 47.5 - y);
}

describe('line drawings', () => {
  it('draws a white square on black as dark lines along its border, white elsewhere', async () => {
    const drawing = await greyPixels(await lineDrawing(await whiteSquareOnBlack()));
    expect([drawing.width, drawing.height]).toEqual([64, 64]);
    const dark: [number, number][] = [];
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const value = drawing.pixels[y * 64 + x] as number;
        if (value < 128) dark.push([x, y]);
        else expect(value).toBe(255);
      }
    }
    for (const [x, y] of dark) expect(distanceToOutline(x, y)).toBeLessThanOrEqual(1.5);
    // Each side is drawn along its length, not just at the corners.
    const onSide = (test: (x: number, y: number) => boolean) => dark.filter(([x, y]) => test(x, y)).length;
    expect(onSide((x, y) => x <= 17 && y > 20 && y < 44)).toBeGreaterThanOrEqual(20);
    expect(onSide((x, y) => x >= 46 && y > 20 && y < 44)).toBeGreaterThanOrEqual(20);
    expect(onSide((x, y) => y <= 17 && x > 20 && x < 44)).toBeGreaterThanOrEqual(20);
    expect(onSide((x, y) => y >= 46 && x > 20 && x < 44)).toBeGreaterThanOrEqual(20);
    // One line per side, not a double one.
    expect(dark.filter(([x, y]) => y === 32 && x < 32)).toHaveLength(1);
  });

  it('draws two-pixel lines when asked', async () => {
    const square = await whiteSquareOnBlack();
    const thin = await greyPixels(await lineDrawing(square));
    const thick = await greyPixels(await lineDrawing(square, { lineWidth: 2 }));
    const darkCount = (image: { pixels: Buffer }) => image.pixels.filter((value) => value < 128).length;
    expect(darkCount(thick)).toBeGreaterThan(darkCount(thin) * 1.7);
    expect(thick.pixels.filter((value, index) => value < 128 && (thin.pixels[index] as number) >= 128).length).toBe(darkCount(thick) - darkCount(thin));
  });

  it('keeps the size of a wide picture and leaves a flat or nearly flat one blank', async () => {
    const gentle = Buffer.alloc(100 * 60);
    for (let index = 0; index < gentle.length; index++) gentle[index] = 100 + (index % 3); // faint noise, no lines
    for (const raw of [Buffer.alloc(100 * 60, 90), gentle]) {
      const picture = await sharp(raw, { raw: { width: 100, height: 60, channels: 1 } }).png().toBuffer();
      const drawing = await greyPixels(await lineDrawing(picture));
      expect([drawing.width, drawing.height]).toEqual([100, 60]);
      expect(drawing.pixels.every((value) => value === 255)).toBe(true);
    }
  });

  it('ignores weak texture below the high threshold unless joined to a strong line', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#000"/><rect x="4" y="4" width="20" height="56" fill="#fff"/><rect x="40" y="4" width="20" height="56" fill="#1c1c1c"/></svg>';
    const image = await readGreyImage(await sharp(Buffer.from(svg)).png().toBuffer());
    const edges = detectEdges(image, { highThreshold: 0.5 });
    const columnsWithLines = new Set<number>();
    edges.forEach((edge, index) => edge && columnsWithLines.add(index % 64));
    expect([...columnsWithLines].some((x) => x < 30)).toBe(true);
    expect([...columnsWithLines].some((x) => x > 34)).toBe(false);
  });

  it('finds the edges of a 256 × 256 picture in well under 50 ms', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#345"/><circle cx="128" cy="128" r="80" fill="#eb4"/><rect x="20" y="30" width="70" height="50" fill="#fff"/></svg>';
    const image = await readGreyImage(await sharp(Buffer.from(svg)).png().toBuffer());
    detectEdges(image); // warm up the JIT
    const timings = Array.from({ length: 5 }, () => {
      const start = performance.now();
      detectEdges(image, defaultLineDrawingOptions);
      return performance.now() - start;
    }).sort((a, b) => a - b);
    expect(timings[2]).toBeLessThan(50);
  });

  it('refuses thresholds out of order', async () => {
    const image = await readGreyImage(await whiteSquareOnBlack());
    expect(() => detectEdges(image, { lowThreshold: 0.6, highThreshold: 0.3 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
