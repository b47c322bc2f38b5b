import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { collectPageProblems, expect, test } from './serve-fixture';

/**
 * A small drawn scene, different for every seed at the coarse scale perceptual
 * hashes look at (so none is taken for a near duplicate of another), opaque
 * like a photo, with edges a line drawing can follow.
 */
function scene(seed: number, size = 96): Promise<Buffer> {
  const at = (n: number) => ((seed * 9301 + n * 49297) % 233280) / 233280;
  const colour = (n: number) => `hsl(${Math.round(at(n) * 360)} 70% ${30 + Math.round(at(n + 1) * 40)}%)`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 100 100">
    <rect width="100" height="100" fill="${colour(1)}"/>
    <circle cx="${15 + at(2) * 70}" cy="${15 + at(3) * 70}" r="${12 + at(4) * 18}" fill="${colour(5)}"/>
    <rect x="${at(6) * 60}" y="${at(7) * 60}" width="${20 + at(8) * 30}" height="${15 + at(9) * 30}" fill="${colour(10)}"/>
    <polygon points="${at(11) * 100},${at(12) * 100} ${at(13) * 100},${at(14) * 100} ${at(15) * 100},${at(16) * 100}" fill="${colour(17)}"/>
  </svg>`;
  return sharp(Buffer.from(svg)).removeAlpha().png().toBuffer();
}

/** Tiny images of seeded noise: every one different, quick to make and to import by the hundred. */
function noise(seed: number, size = 12): Promise<Buffer> {
  let state = seed * 2654435761;
  const pixels = Buffer.alloc(size * size * 3, 0).map(() => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state >>> 24;
  });
  return sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
}

async function openDatasets(page: Page, url: string): Promise<void> {
  await page.goto(`${url}#/datasets`);
  await expect(page.getByRole('heading', { level: 1, name: 'Datasets' })).toBeVisible();
  await expect(page.getByTestId('status-project')).toHaveText('Default Project');
}

async function createDataset(page: Page, name: string, kind: 'images' | 'paired' | 'unpaired' = 'images'): Promise<void> {
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kind', { exact: true }).selectOption(kind);
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.getByTestId('dataset-title')).toHaveText(name);
}

async function importPath(page: Page, path: string): Promise<void> {
  await page.getByLabel('Or a path on this machine').fill(path);
  await page.getByRole('button', { name: 'Import from path' }).click();
  await expect(page.getByTestId('import-report')).toBeVisible();
}

/** Waits until every thumbnail shown has loaded: a broken one has no natural width. */
async function expectThumbnailsLoaded(page: Page, count: number): Promise<void> {
  const images = page.getByTestId('item-grid').locator('img');
  await expect(images).toHaveCount(count);
  await expect.poll(() => images.evaluateAll((all) => all.filter((image) => 'naturalWidth' in image && Number(image.naturalWidth) > 0).length)).toBe(count);
}

test('import a folder by path: thumbnails, counts, classes, problems, details and the keyboard', async ({ page, served }) => {
  const errors = collectPageProblems(page);
  const folder = join(served.scratch, 'shoes');
  mkdirSync(join(folder, 'boots'), { recursive: true });
  mkdirSync(join(folder, 'sandals'));
  writeFileSync(join(folder, 'boots', 'boot-1.png'), await scene(1));
  writeFileSync(join(folder, 'boots', 'boot-2.png'), await scene(2));
  writeFileSync(join(folder, 'sandals', 'sandal-3.png'), await scene(3));
  const original = await scene(4, 128);
  writeFileSync(join(folder, 'loose-4.png'), original);
  // The same picture smaller: imported, but flagged as a near duplicate of loose-4.
  writeFileSync(join(folder, 'resized-4.png'), await sharp(original).resize(120, 120).png().toBuffer());
  writeFileSync(join(folder, 'hostile.png'), Buffer.from('this is not a picture at all, whatever its name says'));

  await openDatasets(page, served.url);
  await createDataset(page, 'Shoes');
  await importPath(page, folder);

  await expect(page.getByTestId('report-imported')).toHaveText('5');
  await expect(page.getByTestId('count-items')).toHaveText('5');
  await expect(page.getByTestId('count-near-duplicates')).toHaveText('1');
  await expect(page.getByRole('list', { name: 'Items per class' })).toContainText('boots2');
  const problems = page.getByRole('list', { name: 'Problems of the latest import' });
  await expect(problems).toContainText('hostile.png');
  await expect(problems.locator('.tag')).toHaveText('not-an-image');
  await expectThumbnailsLoaded(page, 5);
  await expect(page.getByRole('button', { name: /Shoes/ })).toContainText('5 items');

  // A click opens an item's details; the arrow keys move the selection and Enter opens it.
  const grid = page.getByRole('listbox', { name: 'Items of Shoes' });
  await grid.getByRole('option').first().click();
  const details = page.getByRole('complementary', { name: 'Item details' });
  await expect(details.getByRole('heading')).toHaveText('boots/boot-1.png');
  await expect(details.getByTestId('item-size')).toHaveText('96 × 96 px');
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(grid.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', '2');
  await page.keyboard.press('Enter');
  await expect(details.getByRole('heading')).toHaveText('boots/boot-2.png');

  // The near duplicate links to the item it resembles.
  await grid.getByRole('option', { name: 'resized-4.png' }).click();
  await details.getByRole('button', { name: /^item \d+$/ }).click();
  await expect(details.getByRole('heading')).toHaveText('loose-4.png');

  // Filter by class.
  await page.getByLabel('Class', { exact: true }).selectOption('boots');
  await expect(page.getByTestId('items-shown')).toHaveText('2 items shown');
  await expectThumbnailsLoaded(page, 2);

  // A second dataset of the same name is refused, and says why.
  await page.getByLabel('Name', { exact: true }).fill('shoes');
  await page.getByRole('button', { name: 'Create dataset' }).click();
  await expect(page.getByRole('alert')).toContainText(/already/i);
  expect(errors).toEqual([]);
});

test('upload files and a folder through the file pickers, and by dropping them', async ({ page, served }) => {
  const errors = collectPageProblems(page);
  await openDatasets(page, served.url);
  await createDataset(page, 'Uploads');

  await page.locator('#import-main-files').setInputFiles([
    { name: 'first.png', mimeType: 'image/png', buffer: await scene(11) },
    { name: 'second file #2.png', mimeType: 'image/png', buffer: await scene(12) },
  ]);
  await expect(page.getByTestId('report-imported')).toHaveText('2');
  await expectThumbnailsLoaded(page, 2);

  // A picked folder imports as itself: its subfolders name classes.
  const folder = join(served.scratch, 'picked');
  mkdirSync(join(folder, 'red'), { recursive: true });
  mkdirSync(join(folder, 'blue'));
  writeFileSync(join(folder, 'red', 'r.png'), await scene(13));
  writeFileSync(join(folder, 'blue', 'b.png'), await scene(14));
  await page.locator('#import-main-folder').setInputFiles(folder);
  await expect(page.getByTestId('count-items')).toHaveText('4');
  await expect(page.getByRole('list', { name: 'Items per class' })).toContainText('red1');
  await expectThumbnailsLoaded(page, 4);

  // Files dropped anywhere on the dataset are uploaded and imported too.
  const dropped = await Promise.all([15, 16].map(async (seed) => [`dropped-${seed}.png`, (await scene(seed)).toString('base64')] as const));
  const dataTransfer = await page.evaluateHandle((files) => {
    // (This runs in the page; the tests are type-checked without the DOM library.)
    const { DataTransfer } = globalThis as unknown as { DataTransfer: new () => { items: { add(file: File): void } } };
    const transfer = new DataTransfer();
    for (const [name, base64] of files) transfer.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type: 'image/png' }));
    return transfer;
  }, dropped);
  await page.getByTestId('dataset-title').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('count-items')).toHaveText('6');
  await expectThumbnailsLoaded(page, 6);
  expect(errors).toEqual([]);
});

test('make pairs from an image set, check a pair, prepare the pairs and delete them', async ({ page, served }) => {
  const errors = collectPageProblems(page);
  const folder = join(served.scratch, 'scenes');
  mkdirSync(folder);
  for (const seed of [21, 22, 23]) writeFileSync(join(folder, `scene-${seed}.png`), await scene(seed, 128));

  await openDatasets(page, served.url);
  await createDataset(page, 'Scenes');
  await importPath(page, folder);
  await expect(page.getByTestId('count-items')).toHaveText('3');

  await page.getByLabel('Name of the paired dataset').fill('Scene sketches');
  await page.getByRole('button', { name: 'Make pairs' }).click();
  await page.getByRole('button', { name: 'Open Scene sketches' }).click();
  await expect(page.getByTestId('dataset-title')).toHaveText('Scene sketches');
  await expect(page.getByTestId('count-pairs')).toHaveText('3');
  await expect(page.getByTestId('count-domain-a')).toHaveText('3');

  await page.getByLabel('Domain', { exact: true }).selectOption('B');
  await expect(page.getByTestId('items-shown')).toHaveText('3 items shown');
  await page.getByRole('listbox', { name: 'Items of Scene sketches' }).getByRole('option').first().click();
  await page.getByRole('button', { name: 'Check this pair' }).click();
  await expect(page.getByTestId('pair-verdict')).toHaveText('Aligned');
  const check = page.getByRole('region', { name: /^Pair/ });
  await expect(check.getByRole('img', { name: /^A: / })).toBeVisible();
  await expect(check.getByRole('img', { name: /^B: / })).toBeVisible();
  await expect(check.getByRole('img', { name: "A's edges drawn over B" })).toBeVisible();

  // Prepared for training: one cache per domain.
  await page.getByLabel('Resolution').selectOption('32');
  await page.getByLabel('Add mirrored copies').check();
  await page.getByRole('button', { name: 'Prepare', exact: true }).click();
  const caches = page.getByRole('list', { name: 'Prepared caches' }).getByRole('listitem');
  await expect(caches).toHaveCount(2);
  await expect(caches.first()).toContainText('32 px · A · center · mirrored');
  await expect(caches.first()).toContainText('current');

  // Deleting asks first.
  await page.getByRole('button', { name: 'Delete…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete Scene sketches?' });
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(page.getByTestId('dataset-title')).toHaveText('Scene sketches');
  await page.getByRole('button', { name: 'Delete…' }).click();
  await dialog.getByRole('button', { name: 'Delete dataset' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('list', { name: 'Datasets' })).not.toContainText('Scene sketches');
  await expect(page.getByText('Choose a dataset on the left')).toBeVisible();
  expect(errors).toEqual([]);
});

test('an unpaired dataset takes domains A and B through their own drop zones', async ({ page, served }) => {
  const errors = collectPageProblems(page);
  const [day, night] = [join(served.scratch, 'day'), join(served.scratch, 'night')];
  mkdirSync(day);
  mkdirSync(night);
  for (const seed of [31, 32, 33]) writeFileSync(join(day, `day-${seed}.png`), await scene(seed));
  for (const seed of [34, 35]) writeFileSync(join(night, `night-${seed}.png`), await scene(seed));

  await openDatasets(page, served.url);
  await createDataset(page, 'Day and night', 'unpaired');
  await page.locator('#import-a-folder').setInputFiles(day);
  await page.locator('#import-b-folder').setInputFiles(night);
  await expect(page.getByTestId('import-a-picked')).toHaveText('Ready: folder day (3 files inside)');
  await page.getByRole('button', { name: 'Import A and B' }).click();
  await expect(page.getByTestId('count-domain-a')).toHaveText('3');
  await expect(page.getByTestId('count-domain-b')).toHaveText('2');
  await page.getByLabel('Domain', { exact: true }).selectOption('B');
  await expectThumbnailsLoaded(page, 2);
  expect(errors).toEqual([]);
});

test('the item grid keeps few cells in the page however many items there are', async ({ page, served }) => {
  const errors = collectPageProblems(page);
  const count = 300;
  const folder = join(served.scratch, 'many');
  mkdirSync(folder);
  await Promise.all(Array.from({ length: count }, async (_, n) => writeFileSync(join(folder, `noise-${String(n + 1).padStart(3, '0')}.png`), await noise(n + 1))));

  await openDatasets(page, served.url);
  await createDataset(page, 'Many');
  await importPath(page, folder);
  await expect(page.getByTestId('count-items')).toHaveText(String(count));
  await expect(page.getByTestId('items-shown')).toHaveText(`${count} items shown`);

  const grid = page.getByRole('listbox', { name: 'Items of Many' });
  const cells = grid.getByRole('option');
  await expect(cells.first()).toBeVisible();
  expect(await cells.count()).toBeLessThan(count / 3);

  // Scrolling to the end shows the last item, still with few cells in the page.
  await grid.evaluate((element) => (element.scrollTop = element.scrollHeight));
  const last = grid.locator(`[aria-posinset="${count}"]`);
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-label', `noise-${count}.png`);
  expect(await cells.count()).toBeLessThan(count / 3);

  // Home and End from the keyboard move the selection and bring it into view.
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(grid.locator('[aria-posinset="1"]')).toBeInViewport();
  await page.keyboard.press('End');
  await expect(grid.getByRole('option', { selected: true })).toHaveAttribute('aria-posinset', String(count));
  await expect(last).toBeInViewport();
  expect(errors).toEqual([]);
});
