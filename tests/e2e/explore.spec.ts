import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { fashionMnistIdx } from '../fixtures/fashion-mnist';
import { callApi, collectPageProblems, expect, expectImagesLoaded, openOwnProject, test, type ServedStudio } from './serve-fixture';

/** One tiny trained model serves every test: training it takes most of the spec's time. */
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

async function openExplore(page: Page, served: ServedStudio): Promise<void> {
  await page.goto(`${served.url}#/explore`);
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  await expect(page.getByLabel('Model', { exact: true })).toContainText('Fashion · DCGAN 32 px · step 20');
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true');
}

/** A grid of 16 from seed 100, loaded. */
async function generateGrid(page: Page): Promise<Locator> {
  await page.getByLabel('Seed', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const grid = page.getByTestId('explore-grid');
  await expectImagesLoaded(grid.locator('img'), 16);
  await expect(grid.getByTestId('image-caption').first()).toHaveText('100');
  return grid;
}

let restoreProject = async () => {};

test.beforeAll(async ({ served }) => {
  test.setTimeout(180_000);
  restoreProject = await openOwnProject(served, 'Exploring');
  const folder = join(served.scratch, 'fashion-idx');
  mkdirSync(folder, { recursive: true });
  await callApi(served, 'datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(folder, 200)] });
  const run = await callApi<{ id: number }>(served, 'training.start', {
    dataset: 'Fashion',
    model: 'dcgan',
    resolution: 32,
    width: 8,
    batchSize: 8,
    steps: 20,
    checkpointEvery: 10,
    seed: 7,
  });
  await expect
    .poll(async () => (await callApi<{ status: string; checkpoints: unknown[] }>(served, 'training.get', { runId: run.id })).status, { timeout: 150_000, intervals: [1000] })
    .toBe('completed');
});

test.afterAll(() => restoreProject());

test('the model bar shows the checkpoint; the grid generates, selects, enlarges and rerolls', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openExplore(page, served);
  await expect(page.getByTestId('truncation-value')).toHaveText('1.00');
  await expect(page.getByLabel('EMA weights')).toBeChecked();

  const grid = await generateGrid(page);
  await expect(grid.getByTestId('image-caption').last()).toHaveText('115');
  // Selecting: a click picks one, Ctrl adds, Shift selects a run.
  const cells = grid.getByRole('button');
  await cells.nth(0).click();
  await cells.nth(2).click({ modifiers: ['Control'] });
  await expect(grid.locator('[aria-pressed="true"]')).toHaveCount(2);
  await cells.nth(5).click({ modifiers: ['Shift'] });
  await expect(grid.locator('[aria-pressed="true"]')).toHaveCount(4);
  await expect(page.getByRole('button', { name: 'Add 4 as keyframes' })).toBeEnabled();

  // Enlarge shows the first selected image.
  await page.getByRole('group', { name: 'Selected images' }).getByRole('button', { name: 'Enlarge' }).click();
  await expect(page.getByTestId('image-viewer')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('image-viewer')).toBeHidden();

  // R rerolls while nobody is typing: a new seed and a new grid.
  await page.getByRole('button', { name: 'Generate', exact: true }).focus();
  await page.keyboard.press('r');
  await expect(page.getByLabel('Seed', { exact: true })).not.toHaveValue('100');
  const seed = await page.getByLabel('Seed', { exact: true }).inputValue();
  await expect(grid.getByTestId('image-caption').first()).toHaveText(seed);
  await expectImagesLoaded(grid.locator('img'), 16);

  // Truncation is part of every call: ψ 0 draws the average image for every seed.
  await page.getByLabel('Truncation ψ').focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('truncation-value')).toHaveText('0.00');
  expect(problems).toEqual([]);
});

test('keyframes from the grid make a path: the scrubber previews it, Play steps it, and a GIF exports', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openExplore(page, served);
  const grid = await generateGrid(page);
  await grid.getByRole('button').nth(0).click();
  await grid.getByRole('button').nth(3).click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Add 2 as keyframes' }).click();
  await expect(page.getByTestId('explore-notice')).toHaveText('Added 2 keyframes (2 on the path)');

  await openTab(page, 'Interpolate');
  const keyframes = page.getByTestId('keyframes').getByRole('listitem');
  await expect(keyframes).toHaveCount(2);
  await expect(keyframes.first()).toContainText('Seed 100');
  // A third by seed, moved up, then removed again.
  await page.getByLabel('Seed to add').fill('5');
  await page.getByRole('button', { name: 'Add keyframe' }).click();
  await expect(keyframes).toHaveCount(3);
  await page.getByRole('button', { name: 'Move Seed 5 earlier' }).click();
  await expect(keyframes.nth(1)).toContainText('Seed 5');
  await page.getByRole('button', { name: 'Remove Seed 5' }).click();
  await expect(keyframes).toHaveCount(2);

  const preview = page.getByTestId('path-preview');
  await expect(preview).toHaveAttribute('src', /^data:image\/png/);
  const first = await preview.getAttribute('src');
  const scrubber = page.getByLabel('Position on the path');
  await scrubber.focus();
  await page.keyboard.press('End');
  await expect(page.getByTestId('timeline-frame')).toHaveText('Frame 60 / 60');
  await expect.poll(() => preview.getAttribute('src')).not.toBe(first);

  // Space on the timeline plays from the start again, and pauses.
  await page.getByLabel('Frames', { exact: true }).fill('8');
  await page.getByLabel('Frames per second').fill('4');
  await scrubber.focus();
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await expect(page.getByTestId('timeline-frame')).not.toHaveText('Frame 1 / 8');
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('timeline-frame')).toHaveText('Frame 8 / 8');

  await page.getByLabel('Format', { exact: true }).selectOption('gif');
  await page.getByRole('button', { name: 'Export' }).click();
  const result = page.getByTestId('animation-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expectImagesLoaded(result.locator('img'), 1);
  await expect(result).toContainText('8 frames · 32 × 32 px');
  await expect(result.getByRole('link', { name: 'Download' })).toHaveAttribute('download', /\.gif$/);
  expect(problems).toEqual([]);
});

test('the seed map renders its tiles and the crosshair point; dragging and arrows move the centre', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openExplore(page, served);
  await openTab(page, 'Seed map');
  const map = page.getByTestId('seed-map');
  await expectImagesLoaded(map.locator('img'), 25);
  await expect(page.getByTestId('seed-map-centre')).toHaveText('(0.00, 0.00)');
  await expect(page.getByTestId('seed-map-centre-image')).toHaveAttribute('src', /^data:image\/png/);

  const box = (await map.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 - box.width / 10, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  // Half a tile to the left drags the plane, so the centre moves half a tile right.
  await expect(page.getByTestId('seed-map-centre')).toHaveText('(0.50, 0.00)');
  await expectImagesLoaded(map.locator('img'), 30);

  await map.focus();
  await page.keyboard.press('Shift+ArrowDown');
  await expect(page.getByTestId('seed-map-centre')).toHaveText('(0.50, 1.00)');
  await page.getByRole('group', { name: 'Use nearest seed' }).getByRole('button', { name: 'Add as keyframe' }).click();
  await expect(page.getByTestId('explore-notice')).toHaveText('Added a keyframe (1 on the path)');
  // The blended point itself, between seeds, is a latent like any other.
  await map.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('seed-map-centre')).toHaveText('(0.75, 1.00)');
  await page.getByRole('group', { name: 'Use this point' }).getByRole('button', { name: 'Add as keyframe' }).click();
  await expect(page.getByTestId('explore-notice')).toHaveText('Added a keyframe (2 on the path)');
  expect(problems).toEqual([]);
});

test('mutation makes children, and a child can be the next parent', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openExplore(page, served);
  const grid = await generateGrid(page);
  await grid.getByRole('button').first().click();
  await page.getByRole('group', { name: 'Selected images' }).getByRole('button', { name: 'Use as A' }).click();
  await openTab(page, 'Mix');
  await expect(page.getByTestId('mix-slot-a')).toContainText('Seed 100');
  await page.getByLabel('Children').fill('6');
  await page.getByRole('button', { name: 'Mix', exact: true }).click();
  const children = page.getByTestId('mix-children');
  await expectImagesLoaded(children.locator('img'), 6);

  await children.getByRole('button').nth(2).click();
  await page.getByRole('group', { name: 'Selected children' }).getByRole('button', { name: 'Use as A' }).click();
  await expect(page.getByTestId('mix-slot-a')).toContainText('Output');
  await page.getByRole('button', { name: 'Mix', exact: true }).click();
  await expectImagesLoaded(children.locator('img'), 6);

  // Crossover wants two parents: B by seed.
  await page.getByLabel('Crossover').check();
  await expect(page.getByRole('button', { name: 'Mix', exact: true })).toBeDisabled();
  await page.getByTestId('mix-slot-b').getByLabel('Seed to add').fill('9');
  await page.getByRole('button', { name: 'Set B' }).click();
  await page.getByRole('button', { name: 'Mix', exact: true }).click();
  await expectImagesLoaded(children.locator('img'), 6);
  expect(problems).toEqual([]);
});

test('a latent is saved under a name, renamed and forgotten', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openExplore(page, served);
  await expect(page.getByText('None yet.')).toBeVisible();
  const grid = await generateGrid(page);
  await grid.getByRole('button').nth(1).click();
  await page.getByRole('group', { name: 'Selected images' }).getByRole('button', { name: 'Save latent…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Save latent' });
  await expect(dialog.getByLabel('Name')).toHaveValue('Seed 101');
  await dialog.getByLabel('Name').fill('Ankle boot');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  const saved = page.getByTestId('saved-latents');
  await expect(saved.getByTestId('saved-latent-name')).toHaveText(['Ankle boot']);
  await expectImagesLoaded(saved.locator('img'), 1);
  await page.getByRole('button', { name: 'Rename Ankle boot' }).click();
  await page.getByLabel('New name for Ankle boot').fill('Sneaker');
  await page.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(saved.getByTestId('saved-latent-name')).toHaveText(['Sneaker']);

  // A saved latent is a keyframe like any other, and survives a reload.
  await page.getByRole('group', { name: 'Use Sneaker' }).getByRole('button', { name: 'Keyframe' }).click();
  await expect(page.getByTestId('explore-notice')).toHaveText('Added a keyframe (1 on the path)');
  await page.reload();
  await expect(page.getByTestId('saved-latents').getByTestId('saved-latent-name')).toHaveText(['Sneaker']);
  await page.getByRole('button', { name: 'Forget Sneaker' }).click();
  await expect(page.getByTestId('saved-latents')).toBeHidden();
  await expect(page.getByText('None yet.')).toBeVisible();
  expect(problems).toEqual([]);
});

test('a project without checkpoints says to train first; opening the trained one brings its model back', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openExplore(page, served);
  await callApi(served, 'library.create', { path: join(served.scratch, 'Untrained') });
  await expect(page.getByTestId('status-project')).toHaveText('Untrained');
  await expect(page.getByRole('heading', { name: 'No trained checkpoints yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'train FastGAN or DCGAN on an image set in Train' })).toHaveAttribute('href', '#/train');
  await callApi(served, 'library.open', { path: join(served.scratch, 'Exploring') });
  await expect(page.getByLabel('Model', { exact: true })).toContainText('Fashion · DCGAN 32 px · step 20');
  expect(problems).toEqual([]);
});

test('an image projects into the latent space beside its target; a long projection cancels', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openExplore(page, served);
  await openTab(page, 'Project');
  // A Fashion-MNIST image the model has not seen (from the end of the test set), as a PNG.
  const images = gunzipSync(readFileSync('/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz'));
  const offset = 16 + 9000 * 784;
  const png = await sharp(images.subarray(offset, offset + 784), { raw: { width: 28, height: 28, channels: 1 } }).png().toBuffer();
  await page.getByLabel('Image to project').setInputFiles({ name: 'shirt.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('projection-file')).toHaveText('shirt.png');

  await page.getByLabel('Steps').fill('20');
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  const result = page.getByTestId('projection-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expectImagesLoaded(result.locator('img'), 2);
  await expect(result).toContainText('Projection after 20 steps');
  const initial = Number(await page.getByTestId('initial-loss').textContent());
  const final = Number(await page.getByTestId('final-loss').textContent());
  expect(final).toBeLessThanOrEqual(initial);
  await page.getByRole('group', { name: 'The projection' }).getByRole('button', { name: 'Use as B' }).click();
  await expect(page.getByTestId('explore-notice')).toHaveText(/^Projection \d+ is B in Mix$/);

  await page.getByLabel('Steps').fill('5000');
  await page.getByRole('button', { name: 'Project', exact: true }).click();
  const cancel = page.getByRole('button', { name: 'Cancel' });
  await expect(cancel).toBeVisible();
  await expect(page.getByTestId('job-progress-text')).toContainText('of 5,000', { timeout: 30_000 });
  await cancel.click();
  await expect(cancel).toBeHidden({ timeout: 30_000 });
  // Cancelled: either what it found so far, or a message saying it stopped.
  await expect(result.or(page.getByRole('alert'))).toBeVisible();
  expect(problems).toEqual([]);
});
