import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import type { RunDetail, RunSummary } from '../../preload/contract';
import { writeDayNightFolders, writeSideBySidePairs } from '../fixtures/translation-pairs';
import { callApi, collectPageProblems, expect, expectImagesLoaded, openOwnProject, test, type ServedStudio } from './serve-fixture';

/**
 * The Translate and Style views over a tiny pix2pix and a tiny CycleGAN,
 * trained here on synthetic shapes and scenes (a few steps each: the point
 * is the tools, not the pictures). One project for the whole file.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let restoreProject = async () => {};
let scenes: { day: string; night: string };
let photos: string;
/** Large enough that a batch of them takes seconds: time to cancel it. */
let largePhotos: string;

async function trained(served: ServedStudio, request: Record<string, unknown>): Promise<RunDetail> {
  const run = await callApi<RunSummary>(served, 'training.start', request);
  await expect.poll(async () => (await callApi<RunDetail>(served, 'training.get', { runId: run.id })).status, { timeout: 90_000 }).toBe('completed');
  return callApi<RunDetail>(served, 'training.get', { runId: run.id });
}

/** A mouse stroke across the canvas, in fractions of its size. */
async function stroke(page: Page, canvas: Locator, from: [number, number], to: [number, number]): Promise<void> {
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width * from[0], box.y + box.height * from[1]);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * to[0], box.y + box.height * to[1], { steps: 8 });
  await page.mouse.up();
}

/** The canvas pixel's red value at a fraction of its size: 255 is paper, low is ink. */
function inkAt(canvas: Locator, x: number, y: number): Promise<number> {
  // Typed by hand: the specs compile without the DOM's types.
  type Surface = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } };
  return canvas.evaluate((element, [fx, fy]) => {
    const surface = element as unknown as Surface;
    return surface.getContext('2d').getImageData(Math.round(surface.width * fx!), Math.round(surface.height * fy!), 1, 1).data[0]!;
  }, [x, y]);
}

test.beforeAll(async ({ served }) => {
  restoreProject = await openOwnProject(served, 'Translating');
  const pairs = await writeSideBySidePairs(join(served.scratch, 'pairs'), 12, 64);
  await callApi(served, 'datasets.import', { dataset: 'Shapes', kind: 'paired', paths: [pairs] });
  scenes = await writeDayNightFolders(join(served.scratch, 'scenes'), 8, 64);
  await callApi(served, 'datasets.import', { dataset: 'Day and night', kind: 'unpaired', paths: [scenes.day, scenes.night], pairing: 'matched-folders' });
  // Photos larger than the models, to be tiled.
  photos = join(served.scratch, 'photos');
  largePhotos = join(served.scratch, 'large-photos');
  for (const [folder, width, height] of [[photos, 640, 480], [largePhotos, 1600, 1200]] as const) {
    mkdirSync(folder, { recursive: true });
    for (let index = 0; index < 4; index++) {
      await sharp({ create: { width, height, channels: 3, background: { r: 40 * index, g: 120, b: 200 - 30 * index } } })
        .composite([{ input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 3 + index * 60}" cy="${height / 2}" r="${height / 4}" fill="#f4d03f"/></svg>`) }])
        .png()
        .toFile(join(folder, `photo-${index + 1}.png`));
    }
  }
  writeFileSync(join(photos, 'notes.txt'), 'not an image');
});

test.afterAll(() => restoreProject());

test('without a translation model, Translate and Style say how to train one', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/translate`);
  await expect(page.getByRole('heading', { name: 'No translation models yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'train pix2pix or CycleGAN in Train' })).toHaveAttribute('href', '#/train');
  await page.goto(`${served.url}#/style`);
  await expect(page.getByRole('heading', { name: 'No styles yet' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('draw with live translation: brush, eraser, undo, redo, clear, a starting image, keep', async ({ page, served }) => {
  await trained(served, { dataset: 'Shapes', model: 'pix2pix', resolution: 64, width: 4, steps: 6, checkpointEvery: 6, seed: 1 });
  await trained(served, { dataset: 'Day and night', model: 'cyclegan', resolution: 64, width: 4, residualBlocks: 1, steps: 4, checkpointEvery: 4, seed: 2 });
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/translate`);
  await expect(page.getByLabel('Model', { exact: true })).toContainText('Day and night · CycleGAN 64 px · step 4');
  // Choosing a model loads it at once (a translation of the blank page), so the first stroke does not wait.
  const warmed = page.waitForRequest((request) => request.url().endsWith('/api/translate.preview'));
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'Shapes · pix2pix 64 px · step 6' });
  expect((await warmed).postDataJSON()).toMatchObject([{ checkpointId: expect.any(Number), direction: 'AtoB' }]);
  await expect(page.getByTestId('model-facts')).toContainText(/pix2pix · 64 × 64 · Shapes · held-out L1 \d/);

  const canvas = page.getByTestId('sketch-canvas');
  const live = page.getByTestId('live-translation');
  await expect(live).toContainText('Draw on the left');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();
  await stroke(page, canvas, [0.2, 0.5], [0.8, 0.5]);
  expect(await inkAt(canvas, 0.5, 0.5)).toBeLessThan(80);
  await expectImagesLoaded(live.locator('img'), 1);
  // More strokes: frames keep coming, and the readout says how fast.
  for (let row = 1; row <= 4; row++) await stroke(page, canvas, [0.1, row / 5], [0.9, row / 5 + 0.05]);
  await expect(page.getByTestId('live-fps')).toHaveText(/^\d+\.\d frames\/s · \d+ ms a frame$/);

  // Eraser paints the paper back; undo brings the ink back; redo erases again.
  await page.keyboard.press('e');
  await expect(page.getByRole('button', { name: 'Eraser' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByLabel('Brush size').fill('30');
  await expect(page.getByTestId('brush-size')).toHaveText('30');
  await stroke(page, canvas, [0.3, 0.5], [0.7, 0.5]);
  expect(await inkAt(canvas, 0.5, 0.5)).toBe(255);
  await page.keyboard.press('Control+z');
  await expect.poll(() => inkAt(canvas, 0.5, 0.5)).toBeLessThan(80);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect.poll(() => inkAt(canvas, 0.5, 0.5)).toBe(255);
  await page.keyboard.press('b');

  // Clear empties the page (undoably); a starting image replaces the drawing.
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(live).toContainText('Draw on the left');
  expect(await inkAt(canvas, 0.5, 0.225)).toBe(255);
  await page.keyboard.press('Control+z');
  await expect.poll(() => inkAt(canvas, 0.5, 0.225)).toBeLessThan(80);
  await page.locator('#sketch-import').setInputFiles(join(scenes.day, 'scene-001.png'));
  await expect.poll(() => inkAt(canvas, 0.02, 0.02)).not.toBe(255);
  await expectImagesLoaded(live.locator('img'), 1);
  await page.locator('#sketch-import').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await expect(page.getByRole('alert')).toHaveText('notes.txt is not an image this browser can read: choose a PNG, JPEG or WebP.');

  // Keep stores the translation of the drawing with the drawing as its source.
  await page.getByRole('button', { name: 'Keep' }).click();
  await expect(page.getByTestId('translation-facts').first()).toHaveText(/^256 × 256 · [\d.]+ s · from the drawing · stored as output \d+$/);
  expect(problems).toEqual([]);
});

test('translate a photo larger than the model in tiles, with a before/after slider', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/translate`);
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'Day and night · CycleGAN 64 px · step 4' });
  await page.getByLabel('Direction').selectOption({ label: 'A → B' });
  const panel = page.getByRole('region', { name: 'Translate an image' });
  await panel.locator('#translate-image-files').setInputFiles(join(photos, 'photo-1.png'));
  await expect(page.getByTestId('translate-image-chosen')).toHaveText('Image: photo-1.png');
  await panel.getByLabel('Tile overlap').fill('24');
  await panel.getByRole('button', { name: 'Translate', exact: true }).click();
  await expect(panel.getByTestId('translation-facts')).toHaveText(/^640 × 480 in \d+ tiles · [\d.]+ s · from photo-1\.png · stored as output \d+$/, { timeout: 60_000 });
  const slider = panel.getByLabel('Before and after');
  await expectImagesLoaded(panel.getByTestId('before-after').locator('img'), 2);
  await slider.focus();
  for (let press = 0; press < 20; press++) await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('30');
  await expect(panel.getByAltText('photo-1.png: before', { exact: false })).toHaveCSS('clip-path', 'inset(0px 70% 0px 0px)');

  // The same image fitted to the model's square instead.
  await panel.getByLabel('Tiling').selectOption('fit');
  await expect(panel.getByLabel('Tile overlap')).toBeHidden();
  await panel.getByRole('button', { name: 'Translate', exact: true }).click();
  await expect(panel.getByTestId('translation-facts')).toHaveText(/^640 × 480 · [\d.]+ s/);
  expect(problems).toEqual([]);
});

test('batch: files with progress and cancel, and one side of a dataset', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/translate`);
  await page.getByLabel('Model', { exact: true }).selectOption({ label: 'Day and night · CycleGAN 64 px · step 4' });
  const panel = page.getByRole('region', { name: 'Batch' });
  await expect(panel.getByRole('button', { name: 'Translate all' })).toBeDisabled();
  // A file that is not an image is reported by name; the rest go on.
  await panel.locator('#batch-files').setInputFiles(['photo-1.png', 'photo-2.png', 'photo-3.png', 'photo-4.png', 'notes.txt'].map((name) => join(photos, name)));
  await expect(panel.getByTestId('batch-picked')).toHaveText('Ready: 5 files');
  await panel.getByRole('button', { name: 'Translate all' }).click();
  await expect(panel.getByTestId('batch-report')).toHaveText(/^Translated 4 images in [\d.]+ s; 1 image could not be translated\.$/, { timeout: 90_000 });
  await expect(panel.getByRole('list', { name: 'Images not translated' })).toHaveText(/^notes\.txt: /);
  await expectImagesLoaded(panel.getByRole('list', { name: 'Batch results' }).locator('img'), 4);

  // Cancel as soon as the first is done: what was done is kept and reported.
  await panel.locator('#batch-files').setInputFiles(['photo-1.png', 'photo-2.png', 'photo-3.png', 'photo-4.png'].map((name) => join(largePhotos, name)));
  await panel.getByRole('button', { name: 'Translate all' }).click();
  await expect(panel.getByTestId('job-progress-text')).toHaveText(/^[1-3] of 4/, { timeout: 60_000 });
  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByTestId('batch-report')).toHaveText(/^Cancelled after [1-3] images? in [\d.]+ s\.$/, { timeout: 60_000 });

  await panel.getByLabel('A dataset').check();
  await panel.getByLabel('Batch dataset').selectOption({ label: 'Day and night (16 items)' });
  await panel.getByLabel('Batch side').selectOption('B');
  await panel.getByRole('button', { name: 'Translate all' }).click();
  await expect(panel.getByTestId('batch-report')).toHaveText(/^Translated 8 images in [\d.]+ s\.$/, { timeout: 60_000 });
  expect(problems).toEqual([]);
});

test('Style: a look at a strength, several looks side by side, a batch', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/style`);
  const style = page.getByRole('combobox', { name: 'Style', exact: true });
  await expect(style.locator('option')).toHaveText(['Day and night · CycleGAN 64 px A → B', 'Day and night · CycleGAN 64 px B → A', 'Shapes · pix2pix 64 px A → B']);
  await style.selectOption({ label: 'Day and night · CycleGAN 64 px A → B' });
  await page.getByLabel('Strength').fill('0.5');
  await expect(page.getByTestId('strength-value')).toHaveText('50%');

  const photo = page.getByRole('region', { name: 'Apply to a photo' });
  await photo.locator('#style-photo-files').setInputFiles(join(photos, 'photo-2.png'));
  await photo.getByRole('button', { name: 'Apply style' }).click();
  await expect(photo.getByTestId('translation-facts')).toHaveText(/^640 × 480 in \d+ tiles · [\d.]+ s · strength 50% · from photo-2\.png ·/, { timeout: 60_000 });
  await expectImagesLoaded(photo.getByTestId('before-after').locator('img'), 2);

  const compare = page.getByRole('region', { name: 'Compare styles' });
  for (const look of ['Day and night · CycleGAN 64 px A → B', 'Day and night · CycleGAN 64 px B → A', 'Shapes · pix2pix 64 px A → B']) await compare.getByLabel(look).check();
  await compare.getByRole('button', { name: 'Compare 3 styles' }).click();
  const shown = page.getByTestId('compared-styles');
  await expect(shown.locator('figcaption')).toHaveText(['Original', 'Day and night · CycleGAN 64 px A → B · 50%', 'Day and night · CycleGAN 64 px B → A · 50%', 'Shapes · pix2pix 64 px A → B · 50%'], { timeout: 90_000 });
  await expectImagesLoaded(shown.locator('img'), 4);

  const batch = page.getByRole('region', { name: 'Batch' });
  await batch.getByLabel('A dataset').check();
  await batch.getByLabel('Batch dataset').selectOption({ label: 'Day and night (16 items)' });
  await batch.getByRole('button', { name: 'Translate all' }).click();
  await expect(batch.getByTestId('batch-report')).toHaveText(/^Translated 8 images in [\d.]+ s\.$/, { timeout: 60_000 });
  expect(problems).toEqual([]);
});
