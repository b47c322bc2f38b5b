import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { LatentImage } from '../../preload/contract';
import { fashionMnistIdx } from '../fixtures/fashion-mnist';
import { callApi, collectPageProblems, expect, expectImagesLoaded, openOwnProject, test } from './serve-fixture';

/**
 * The Gallery over outputs made here by a tiny DCGAN: twelve samples, two
 * mutants of one (lineage) and a second draw of one seed (a near duplicate).
 * One project for the whole file; the tests build on each other.
 */
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

let restoreProject = async () => {};
let samples: LatentImage[] = [];
let checkpointId = 0;

/** The Gallery showing Explore's outputs, oldest first: the samples, then the mutants, then the repeated draw. */
async function openGallery(page: Page, url: string) {
  await page.goto(`${url}#/gallery`);
  await expect(page.getByRole('heading', { level: 1, name: 'Gallery' })).toBeVisible();
  await page.getByRole('checkbox', { name: /^Explore/ }).check();
  await expect(page.getByTestId('gallery-total')).toHaveText('15 outputs');
  await page.getByLabel('Sort').selectOption('oldest');
  return page.getByTestId('gallery-grid');
}

test.beforeAll(async ({ served }) => {
  test.setTimeout(180_000);
  restoreProject = await openOwnProject(served, 'Curating');
  const folder = join(served.scratch, 'fashion-gallery');
  mkdirSync(folder, { recursive: true });
  await callApi(served, 'datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(folder, 200)] });
  const run = await callApi<{ id: number }>(served, 'training.start', { dataset: 'Fashion', model: 'dcgan', resolution: 32, width: 8, batchSize: 16, steps: 60, checkpointEvery: 60, previewEvery: 60, seed: 3 });
  await expect.poll(async () => (await callApi<{ status: string }>(served, 'training.get', { runId: run.id })).status, { timeout: 120_000 }).toBe('completed');
  const models = await callApi<{ checkpointId: number }[]>(served, 'latent.models');
  checkpointId = models[0]!.checkpointId;
  samples = await callApi<LatentImage[]>(served, 'latent.sample', { checkpointId, seed: 100, count: 12 });
  await callApi(served, 'latent.mix', { checkpointId, operation: { kind: 'mutate', parent: { kind: 'output', outputId: samples[0]!.outputId }, strength: 0.3, children: 2, seed: 5 } });
  await callApi(served, 'latent.sample', { checkpointId, seed: 100, count: 1 });
});

test.afterAll(() => restoreProject());

test('the grid lists every output; filters, search and sort narrow and order it', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/gallery`);
  // Twelve samples, two mutants, one repeated draw, and the training run's preview grid.
  await expect(page.getByTestId('gallery-total')).toHaveText('16 outputs');
  const grid = page.getByTestId('gallery-grid');
  await expectImagesLoaded(grid.locator('img'), 16);
  await page.getByRole('checkbox', { name: /^Training previews/ }).check();
  await expect(page.getByTestId('gallery-total')).toHaveText('1 output');
  await page.getByRole('button', { name: 'Remove filter Training previews' }).click();
  await page.getByRole('checkbox', { name: /^Explore/ }).check();
  await expect(page.getByTestId('gallery-total')).toHaveText('15 outputs');

  // Newest first: the repeated draw leads; oldest first, the first sample.
  await expect(grid.getByRole('option').first()).not.toHaveAccessibleName(`Output ${samples[0]!.outputId}`);
  await page.getByLabel('Sort').selectOption('oldest');
  await expect(grid.getByRole('option').first()).toHaveAccessibleName(`Output ${samples[0]!.outputId}`);

  await page.getByLabel('Checkpoint').selectOption({ index: 1 });
  await expect(page.getByTestId('gallery-total')).toHaveText('15 outputs');
  await page.getByRole('button', { name: /^Remove filter .* step / }).click();

  // Rate with the keys: the first cell, 4 stars; the rating filter finds it.
  await grid.getByRole('option').first().click();
  await page.keyboard.press('4');
  await expect(page.getByTestId('gallery-notice')).toHaveText('1 output rated ★★★★');
  await expect(page.getByRole('heading', { level: 1, name: 'Gallery' })).toBeVisible(); // the digit did not switch views
  await page.getByLabel('Rating').selectOption({ label: '★★★★ or more' });
  await expect(page.getByTestId('gallery-total')).toHaveText('1 output');
  await page.getByRole('button', { name: 'Clear all' }).click();
  await expect(page.getByTestId('gallery-total')).toHaveText('16 outputs');
  expect(problems).toEqual([]);
});

test('multi-select, tag, favourite, search by tag, collections by drag and drop, and their order', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  const grid = await openGallery(page, served.url);
  const cells = grid.getByRole('option');
  await cells.nth(0).click();
  await cells.nth(2).click({ modifiers: ['Shift'] });
  await cells.nth(5).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('selection-count')).toHaveText('4 selected');
  await page.getByLabel('Tag the selected').fill('sunset, keeper');
  await page.getByLabel('Tag the selected').press('Enter');
  await expect(page.getByTestId('gallery-notice')).toHaveText('4 outputs tagged');
  await page.keyboard.press('Escape');

  await page.getByLabel('Search tags and notes').fill('suns');
  await expect(page.getByTestId('gallery-total')).toHaveText('4 outputs');
  await page.getByRole('button', { name: /^Remove filter “suns”/ }).click();
  await expect(page.getByTestId('gallery-total')).toHaveText('15 outputs');

  await page.getByLabel('New collection name').fill('Keepers');
  await page.getByRole('button', { name: 'Make' }).click();
  const board = page.getByTestId('collection-Keepers');
  await cells.nth(7).dragTo(board);
  await expect(page.getByTestId('gallery-notice')).toHaveText('1 output added to Keepers');
  await cells.nth(8).dragTo(board);
  await cells.nth(9).dragTo(board);
  await expect(board).toContainText('3');

  // Shown alone, a collection keeps its own order; dropping the last on the first moves it to the front.
  await board.getByRole('button', { name: /^Keepers/ }).click();
  await page.getByRole('button', { name: 'Remove filter Explore' }).click();
  await expect(page.getByTestId('gallery-total')).toHaveText('3 outputs');
  const members = grid.getByRole('option');
  const lastName = await members.nth(2).getAttribute('aria-label');
  await members.nth(2).dragTo(members.nth(0));
  await expect(members.nth(0)).toHaveAttribute('aria-label', lastName!);
  expect(problems).toEqual([]);
});

test('the viewer: provenance, notes, lineage, and reuse in Explore', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  const grid = await openGallery(page, served.url);
  await grid.getByRole('option').first().dblclick();
  const viewer = page.getByTestId('output-viewer');
  await expect(viewer.getByRole('heading', { name: `Output ${samples[0]!.outputId}` })).toBeVisible();
  await viewer.getByText('How it was made').click();
  await expect(viewer.getByTestId('provenance')).toContainText('latent{"seed":100');
  await viewer.getByLabel('Notes').fill('the best of the first batch');
  await viewer.getByRole('button', { name: '♡ Favourite' }).click();
  await expect(viewer.getByRole('button', { name: '♥ Favourite' })).toBeVisible();

  // Its two mutants are its children; the lineage panel shows the family.
  await expect(viewer.getByRole('region', { name: 'Lineage' }).getByRole('img')).toHaveCount(2);
  await viewer.getByRole('button', { name: 'Whole lineage…' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('lineage').getByRole('img')).toHaveCount(3);

  // The note is searchable once saved (it saves when the field loses focus).
  await page.getByLabel('Search tags and notes').fill('batch');
  await expect(page.getByTestId('gallery-total')).toHaveText('1 output');
  await grid.getByRole('option').first().click();
  await page.keyboard.press('Enter');
  await viewer.getByRole('button', { name: 'Open latent in Explore' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Explore' })).toBeVisible();
  await expect(page.getByTestId('explore-notice')).toHaveText('Added a keyframe (1 on the path)');
  expect(problems).toEqual([]);
});

test('compare two outputs side by side', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  const grid = await openGallery(page, served.url);
  const cells = grid.getByRole('option');
  await cells.nth(0).click();
  await cells.nth(1).click({ modifiers: ['Control'] });
  await page.getByRole('button', { name: 'Compare' }).click();
  const compare = page.getByTestId('compare');
  await expectImagesLoaded(compare.getByRole('img'), 2);
  // Only the settings that differ are listed: the two seeds.
  await expect(compare.getByText('latent', { exact: true })).toHaveCount(2);
  await page.keyboard.press('Escape');
  await expect(compare).toBeHidden();
  expect(problems).toEqual([]);
});

test('near duplicates: the seed drawn twice is found; keep the first, trash the other, restore it', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/gallery`);
  await expect(page.getByTestId('gallery-total')).toHaveText('16 outputs');
  await page.getByRole('button', { name: 'Near duplicates' }).click();
  const duplicates = page.getByTestId('duplicates');
  await duplicates.getByRole('button', { name: 'Find near duplicates' }).click();
  await expect(duplicates.getByRole('status')).toHaveText(/^1 group among 16 images/, { timeout: 60_000 });
  const group = duplicates.getByRole('list', { name: 'Near-duplicate groups' }).getByRole('img');
  // The first draw of seed 100 is the one to keep: it has stars and is a favourite.
  await expect(group).toHaveCount(2);
  await expect(group.first()).toHaveAccessibleName(`Output ${samples[0]!.outputId} (to keep)`);
  await duplicates.getByRole('button', { name: 'Keep the first of each group, trash 1', exact: true }).click();
  await expect(page.getByTestId('gallery-total')).toHaveText('15 outputs');

  await page.getByLabel('Show the trash').check();
  await expect(page.getByTestId('gallery-total')).toHaveText('1 output');
  await page.getByTestId('gallery-grid').getByRole('option').first().click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('gallery-notice')).toHaveText('1 output restored');
  await page.getByRole('button', { name: 'Remove filter Trash' }).click();
  await expect(page.getByTestId('gallery-total')).toHaveText('16 outputs');
  expect(problems).toEqual([]);
});
