import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { describeScene } from '../../../../main/scenes/describe-scene';
import { moonColour } from '../../../../main/scenes/palettes';
import { renderScenePng, sceneSvg, type SceneView } from '../../../../main/scenes/render-scene';
import type { Scene, SceneSize } from '../../../../main/scenes/scene';
import { edgeMap, greyOf, inkMap, inkOnEdges, mean, rgbOf } from './pixels';

const square: SceneSize = { width: 128, height: 128 };
const views: readonly SceneView[] = ['day', 'night', 'sketch'];

async function renderAll(scene: Scene, size: SceneSize) {
  const [day, night, sketch] = await Promise.all(views.map((view) => renderScenePng(scene, size, view)));
  return { day: day!, night: night!, sketch: sketch! };
}

/** How much of the sketch's ink lies on edges of the painting (day edges are crisper than night's, hence two thresholds). */
async function inkOnPaintingEdges(sketchPng: Buffer, paintingPng: Buffer, threshold: number): Promise<number> {
  const sketch = await greyOf(sketchPng);
  return inkOnEdges(inkMap(sketch), edgeMap(await rgbOf(paintingPng), threshold), sketch.width, sketch.height);
}

describe('rendering a scene as day, night and sketch', () => {
  it('draws the same bytes for the same scene, and different pictures for different seeds', async () => {
    const first = await renderAll(describeScene(7), square);
    const again = await renderAll(describeScene(7), square);
    const other = await renderAll(describeScene(8), square);
    for (const view of views) {
      expect(first[view].equals(again[view]), view).toBe(true);
      expect(first[view].equals(other[view]), view).toBe(false);
    }
  });

  it('renders at any size, square or not, as opaque RGB', async () => {
    const scene = describeScene(3);
    for (const size of [{ width: 64, height: 64 }, square, { width: 256, height: 256 }, { width: 192, height: 128 }, { width: 96, height: 160 }]) {
      for (const view of views) {
        const metadata = await sharp(await renderScenePng(scene, size, view)).metadata();
        expect(metadata, `${view} at ${size.width}×${size.height}`).toMatchObject({ width: size.width, height: size.height, channels: 3, format: 'png' });
      }
    }
  });

  it('puts the sketch’s lines on the edges of both paintings, and not on another scene’s', async () => {
    for (const seed of [0, 11, 23, 38, 54, 71]) {
      for (const size of [square, { width: 192, height: 128 }]) {
        const scene = await renderAll(describeScene(seed), size);
        const stranger = await renderAll(describeScene(seed + 1000), size);
        const onDay = await inkOnPaintingEdges(scene.sketch, scene.day, 6);
        const onNight = await inkOnPaintingEdges(scene.sketch, scene.night, 3);
        const onStranger = await inkOnPaintingEdges(scene.sketch, stranger.day, 6);
        expect(onDay, `seed ${seed} day`).toBeGreaterThan(0.93);
        expect(onNight, `seed ${seed} night`).toBeGreaterThan(0.93);
        expect(onStranger, `seed ${seed} against another scene`).toBeLessThan(onDay - 0.2);
      }
    }
  });

  it('draws the water line across the sketch on the row where the day image changes', async () => {
    for (const seed of [1, 2, 5, 9]) {
      const scene = describeScene(seed);
      const { day, sketch } = await renderAll(scene, square);
      const ink = await greyOf(sketch);
      const edges = edgeMap(await rgbOf(day), 6);
      const row = Math.floor(scene.horizon * square.height);
      const columns = Array.from({ length: square.width }, (_, x) => x);
      const inked = columns.filter((x) => [row - 1, row, row + 1].some((y) => ink.data[y * square.width + x]! < 128));
      const edged = columns.filter((x) => [row - 2, row - 1, row, row + 1].some((y) => edges[y * square.width + x]));
      expect(inked.length / square.width, `seed ${seed} sketch`).toBeGreaterThan(0.85);
      expect(edged.length / square.width, `seed ${seed} day`).toBeGreaterThan(0.85);
    }
  });

  it('makes the night darker than the day', async () => {
    for (const seed of [0, 4, 8, 15, 16, 23, 42]) {
      const { day, night } = await renderAll(describeScene(seed), square);
      expect(mean(await greyOf(night)), `seed ${seed}`).toBeLessThan(mean(await greyOf(day)) * 0.45);
    }
  });

  it('hangs a marked moon in the night sky where the day has its sun', async () => {
    // An open sky, so that nothing in front hides the light: the test is of the light, not the composition.
    const base = describeScene(12);
    const scene: Scene = { ...base, clouds: [], ridges: [], trees: [], light: { ...base.light, x: 0.5, y: 0.3, radius: 0.07 } };
    const { day, night } = await renderAll(scene, square);
    const disc = (image: { data: Uint8Array; channels: number }) => {
      const pixels: number[][] = [];
      for (let y = 30; y < 48; y++) for (let x = 56; x < 72; x++) if ((x - 64) ** 2 + (y - 38.4) ** 2 < 5 ** 2) pixels.push([...image.data.subarray((y * 128 + x) * image.channels, (y * 128 + x) * image.channels + 3)]);
      return pixels;
    };
    const daySun = disc(await rgbOf(day));
    const nightMoon = disc(await rgbOf(night));
    expect(new Set(daySun.map(String)).size, 'a sun is one even colour').toBe(1);
    expect(new Set(nightMoon.map(String)).size, 'the moon’s face is marked').toBeGreaterThan(1);
    const moon = [1, 3, 5].map((i) => Number.parseInt(moonColour.slice(i, i + 2), 16));
    expect(nightMoon.some((pixel) => pixel.every((value, c) => Math.abs(value - moon[c]!) <= 2))).toBe(true);
    expect(sceneSvg(scene, square, 'night')).toContain(moonColour);
    expect(sceneSvg(scene, square, 'day')).not.toContain(moonColour);
    const zenith = await rgbOf(night);
    expect(Math.max(...zenith.data.subarray(0, 3)), 'a dark sky around it').toBeLessThan(40);
  });

  it('draws the sketch in dark lines on white, with no colour', async () => {
    const sketch = await rgbOf((await renderAll(describeScene(5), square)).sketch);
    let white = 0;
    for (let index = 0; index < sketch.data.length; index += 3) {
      const [r, g, b] = sketch.data.subarray(index, index + 3);
      expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThanOrEqual(1);
      if (r === 255) white++;
    }
    expect(white / (sketch.width * sketch.height)).toBeGreaterThan(0.8);
  });
});
