import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { describeScene } from '../../main/scenes/describe-scene';
import { renderScenePng } from '../../main/scenes/render-scene';
import type { GalleryPage } from '../../preload/contract';
import { callApi, collectPageProblems, expect, expectImagesLoaded, test } from './serve-fixture';
import { zipEntryNames } from './zip-entries';

/**
 * A first launch: serve makes its default project and fills it with the
 * starter datasets and models (assets/starter), and with nothing trained
 * every tool already works: Explore samples, Translate turns a drawing into
 * a landscape, Style takes a day scene to night, the Gallery holds the
 * outputs and Export writes them out as a ZIP.
 */
test.use({ starter: true });
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

const starterOutputs = 15;

/** Mean red, green and blue of an image's top and bottom halves, 0–255, as the page decoded it. */
interface HalfMeans {
  readonly top: readonly [number, number, number];
  readonly bottom: readonly [number, number, number];
}

function halfMeans(image: Locator): Promise<HalfMeans> {
  // Typed by hand: the specs compile without the DOM's types.
  type Pixels = { data: Uint8ClampedArray };
  type Surface = { width: number; height: number; getContext(kind: '2d'): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): Pixels } };
  type Document = { createElement(tag: 'canvas'): Surface };
  return image.evaluate((element) => {
    const picture = element as unknown as { naturalWidth: number; naturalHeight: number };
    const canvas = (globalThis as unknown as { document: Document }).document.createElement('canvas');
    canvas.width = picture.naturalWidth;
    canvas.height = picture.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(element, 0, 0);
    const half = Math.floor(canvas.height / 2);
    const mean = (y: number): [number, number, number] => {
      const { data } = context.getImageData(0, y, canvas.width, half);
      const sums = [0, 0, 0];
      for (let index = 0; index < data.length; index += 4) for (let channel = 0; channel < 3; channel++) sums[channel]! += data[index + channel]!;
      return sums.map((sum) => sum / (data.length / 4)) as [number, number, number];
    };
    return { top: mean(0), bottom: mean(half) };
  });
}

const brightness = ([red, green, blue]: readonly [number, number, number]) => (red + green + blue) / 3;
/** How far a colour is from grey: 0 for anything a pencil draws. */
const colourfulness = ([red, green, blue]: readonly [number, number, number]) => Math.max(red, green, blue) - Math.min(red, green, blue);

/** A mouse stroke through points given in fractions of the canvas's size. */
async function stroke(page: Page, canvas: Locator, points: readonly (readonly [number, number])[]): Promise<void> {
  const box = (await canvas.boundingBox())!;
  const at = ([x, y]: readonly [number, number]) => [box.x + box.width * x, box.y + box.height * y] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 6 });
  await page.mouse.up();
}

test('the first launch fills the default project in the background, and the views show it when it is ready', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/datasets`);
  await expect(page.getByTestId('status-project')).toHaveText('Default Project');
  await expect(page.getByTestId('status-job')).toHaveText('Setting up the starter project: 4 datasets, 4 models and 15 images ready', { timeout: 90_000 });
  expect(existsSync(join(served.defaultProject, 'starter-pending'))).toBe(false);
  // The page was open all along: the view refreshed itself.
  await expect(page.getByRole('list', { name: 'Datasets' }).getByRole('button')).toHaveText([
    'Day to night paired 96 items',
    'Fashion-MNIST images 1,000 items',
    'Landscapes images 200 items',
    'Sketch to day paired 96 items',
  ]);
  expect(problems).toEqual([]);
});

test('Train lists the starter models as finished runs, imported rather than trained here', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/train`);
  const runs = page.getByRole('list', { name: 'Training runs' }).getByRole('button');
  await expect(runs).toHaveText([
    'Starter day to night (pix2pix 128 px) imported model · pix2pix · 128 px Completed 3,000 / 3,000',
    'Starter sketch to day (pix2pix 128 px) imported model · pix2pix · 128 px Completed 3,000 / 3,000',
    'Starter Fashion-MNIST (conditional DCGAN 32 px) imported model · DCGAN · 32 px Completed 3,000 / 3,000',
    'Starter landscapes (DCGAN 64 px) imported model · DCGAN · 64 px Completed 2,500 / 2,500',
  ]);
  expect(problems).toEqual([]);
});

test('Explore samples a grid from the starter landscapes model', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/explore`);
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'Starter landscapes (DCGAN 64 px) · step 2,500' });
  await page.getByLabel('Seed', { exact: true }).fill('42');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const grid = page.getByTestId('explore-grid');
  await expectImagesLoaded(grid.locator('img'), 16);
  await expect(grid.getByTestId('image-caption').first()).toHaveText('42');
  // Landscapes, not noise: a lighter sky above darker land or water, in colour.
  const image = await halfMeans(grid.locator('img').first());
  expect(brightness(image.top)).toBeGreaterThan(brightness(image.bottom));
  expect(colourfulness(image.top) + colourfulness(image.bottom)).toBeGreaterThan(30);
  expect(problems).toEqual([]);
});

test('Translate turns a drawn sketch into a landscape, and Keep stores it', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/translate`);
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'Starter sketch to day (pix2pix 128 px) · step 3,000' });
  const canvas = page.getByTestId('sketch-canvas');
  // A horizon, a range of hills and a sun, in pencil.
  await stroke(page, canvas, [[0.02, 0.6], [0.98, 0.6]]);
  await stroke(page, canvas, [[0.02, 0.5], [0.2, 0.35], [0.4, 0.48], [0.6, 0.3], [0.8, 0.45], [0.98, 0.4]]);
  await stroke(page, canvas, [[0.75, 0.12], [0.82, 0.15], [0.8, 0.22], [0.72, 0.2], [0.75, 0.12]]);
  const live = page.getByTestId('live-translation').locator('img');
  await expectImagesLoaded(live, 1);
  const landscape = await halfMeans(live);
  // The drawing is grey; what comes back has a blue sky above darker land.
  expect(colourfulness(landscape.top) + colourfulness(landscape.bottom)).toBeGreaterThan(25);
  expect(landscape.top[2]).toBeGreaterThan(landscape.top[0]);
  expect(brightness(landscape.top)).toBeGreaterThan(brightness(landscape.bottom));
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(page.getByTestId('translation-facts').first()).toHaveText(/from the drawing · stored as output \d+$/);
  expect(problems).toEqual([]);
});

test('Style turns a day landscape into night', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  const folder = join(served.scratch, 'photos');
  mkdirSync(folder, { recursive: true });
  const day = join(folder, 'valley-by-day.png');
  // A scene the starter model never saw, larger than the model, so it is done in tiles.
  writeFileSync(day, await renderScenePng(describeScene(300_001), { width: 256, height: 192 }, 'day'));
  await page.goto(`${served.url}#/style`);
  await page.getByRole('combobox', { name: 'Style', exact: true }).selectOption({ label: 'Starter day to night (pix2pix 128 px) A → B' });
  await page.getByLabel('Strength').fill('1');
  const photo = page.getByRole('region', { name: 'Apply to a photo' });
  await photo.locator('#style-photo-files').setInputFiles(day);
  await photo.getByRole('button', { name: 'Apply style' }).click();
  await expect(photo.getByTestId('translation-facts')).toHaveText(/^256 × 192 in \d+ tiles · [\d.]+ s · from valley-by-day\.png · stored as output \d+$/, { timeout: 60_000 });
  const frame = photo.getByTestId('before-after');
  await expectImagesLoaded(frame.locator('img'), 2);
  const [original, night] = [await halfMeans(frame.getByRole('img', { name: /: before$/ })), await halfMeans(frame.getByRole('img', { name: /: after$/ }))];
  // Night: the sky far darker than the day's.
  expect(brightness(night.top)).toBeLessThan(brightness(original.top) * 0.6);
  expect(problems).toEqual([]);
});

test('the Gallery shows the starter images and the new ones; Export writes them all as a ZIP', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  const { total } = await callApi<GalleryPage>(served, 'gallery.query', { limit: 1 });
  // The starter images, the grid sampled, the drawing with its translation, the photo with its night.
  expect(total).toBe(starterOutputs + 16 + 2 + 2);
  await page.goto(`${served.url}#/gallery`);
  await expect(page.getByTestId('gallery-total')).toHaveText(`${total} outputs`);
  const grid = page.getByTestId('gallery-grid');
  await expect.poll(() => grid.locator('img').evaluateAll((all) => all.filter((image) => Number((image as unknown as { naturalWidth: number }).naturalWidth) > 0).length)).toBeGreaterThan(0);

  await grid.getByRole('option').first().click();
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-count')).toHaveText(`${total} selected`);
  await page.getByRole('button', { name: 'Export…' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  await expect(page.getByTestId('export-source-label')).toHaveText(`Exporting: ${total} images from the gallery`);
  await page.getByLabel('A ZIP file').check();
  const zip = join(served.scratch, 'first-launch.zip');
  await page.getByLabel('ZIP file', { exact: true }).fill(zip);
  await page.getByRole('button', { name: `Export ${total} images` }).click();
  await expect(page.getByTestId('export-images-report')).toHaveText(new RegExp(`^Wrote ${total} images \\([\\d.]+ [KM]B\\) into the ZIP ${zip}`), { timeout: 60_000 });
  const names = await zipEntryNames(zip);
  expect(names).toHaveLength(total);
  expect(new Set(names).size).toBe(total);
  expect(problems).toEqual([]);
});
