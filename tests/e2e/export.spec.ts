import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { ExploreModel, LatentImage, RunDetail, RunSummary } from '../../preload/contract';
import { fashionMnistIdx } from '../fixtures/fashion-mnist';
import { callApi, collectPageProblems, expect, openOwnProject, test, type ServedStudio } from './serve-fixture';
import { zipEntryNames } from './zip-entries';

/**
 * The Export view over six samples of a tiny DCGAN (two training steps: the
 * point is the files, not the pictures): images to a folder and a ZIP, the
 * question when files exist, sheets, recall, and the model as a bundle.
 */
test.describe.configure({ mode: 'serial' });

let restoreProject = async () => {};
let samples: readonly LatentImage[] = [];
let model: ExploreModel;
let out: string;

async function trainedGenerator(served: ServedStudio): Promise<ExploreModel> {
  const run = await callApi<RunSummary>(served, 'training.start', { dataset: 'Fashion', model: 'dcgan', resolution: 32, width: 4, steps: 2, batchSize: 8, seed: 3 });
  await expect.poll(async () => (await callApi<RunDetail>(served, 'training.get', { runId: run.id })).status, { timeout: 60_000, intervals: [500] }).toBe('completed');
  const [newest] = await callApi<ExploreModel[]>(served, 'latent.models');
  return newest!;
}

test.beforeAll(async ({ served }) => {
  test.setTimeout(90_000);
  restoreProject = await openOwnProject(served, 'Exporting');
  const folder = join(served.scratch, 'export-fashion');
  mkdirSync(folder, { recursive: true });
  await callApi(served, 'datasets.import', { dataset: 'Fashion', kind: 'images', paths: [fashionMnistIdx(folder, 32)] });
  model = await trainedGenerator(served);
  samples = await callApi<LatentImage[]>(served, 'latent.sample', { checkpointId: model.checkpointId, seed: 40, count: 6 });
  out = join(served.scratch, 'exported');
});

test.afterAll(() => restoreProject());

test('images as WebP to a folder: names previewed, provenance inside, and a question before anything is replaced', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/export`);
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  // No collections yet: typed ids are the way in.
  await expect(page.getByLabel('Outputs by id')).toBeChecked();
  await page.getByLabel('Output ids').fill(samples.map((sample) => sample.outputId).join(', '));
  await expect(page.getByTestId('export-source-label')).toHaveText('Exporting: 6 outputs by id');

  await page.getByLabel('Format').selectOption('webp');
  await page.getByLabel('Quality').fill('80');
  await page.getByLabel('File names', { exact: true }).fill('fashion-{seed}-{nope}');
  await expect(page.getByTestId('export-name-problem')).toHaveText('{nope} is not a field a template can use.');
  await page.getByLabel('File names', { exact: true }).fill('fashion-{seed}-');
  await page.getByRole('button', { name: '{index}' }).click();
  await expect(page.getByLabel('File names', { exact: true })).toHaveValue('fashion-{seed}-{index}');
  const preview = page.getByTestId('export-name-preview').getByRole('listitem');
  await expect(preview).toHaveCount(5);
  await expect(preview.first()).toHaveText('fashion-40-1.webp');
  await expect(page.getByText('and 1 more')).toBeVisible();

  await expect(page.getByRole('button', { name: 'Export 6 images' })).toBeDisabled();
  await page.getByLabel('Folder', { exact: true }).fill(out);
  await page.getByRole('button', { name: 'Export 6 images' }).click();
  await expect(page.getByTestId('export-images-report')).toHaveText(new RegExp(`^Wrote 6 images \\([\\d.]+ KB\\) to ${out} in [\\d.]+ s\\.$`));
  const written = readdirSync(out).sort();
  expect(written).toEqual(samples.map((sample, index) => `fashion-${sample.seed}-${index + 1}.webp`).sort());
  for (const name of written) {
    const metadata = await sharp(join(out, name)).metadata();
    expect(metadata.format).toBe('webp');
    expect(metadata.width).toBe(32);
    expect(metadata.xmp?.toString()).toContain('latentstudio:provenance');
  }

  // Again: the files are there, so the studio asks; Keep both writes numbered copies beside them.
  await expect(preview.first().getByText('exists')).toBeVisible();
  await page.getByRole('button', { name: 'Export 6 images' }).click();
  const dialog = page.getByRole('dialog', { name: '6 files exist already' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('list', { name: 'Files that exist already' }).getByRole('listitem')).toHaveCount(6);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('export-images-declined')).toHaveText('Cancelled: nothing was written.');
  expect(readdirSync(out)).toHaveLength(6);
  await page.getByRole('button', { name: 'Export 6 images' }).click();
  await dialog.getByRole('button', { name: 'Keep both' }).click();
  await expect(page.getByTestId('export-images-report')).toHaveText(/^Wrote 6 images/);
  expect(readdirSync(out)).toHaveLength(12);
  expect(readdirSync(out)).toContain(`fashion-${samples[0]!.seed}-1-2.webp`);

  // A ZIP instead, at a custom size.
  await page.getByLabel('A ZIP file').check();
  await page.getByLabel('Size', { exact: true }).selectOption('custom');
  await page.getByLabel('Width in pixels').fill('64');
  const zip = join(served.scratch, 'exported.zip');
  await page.getByLabel('ZIP file', { exact: true }).fill(zip);
  await page.getByRole('button', { name: 'Export 6 images' }).click();
  await expect(page.getByTestId('export-images-report')).toHaveText(new RegExp(`^Wrote 6 images \\([\\d.]+ KB\\) into the ZIP ${zip}`));
  expect((await zipEntryNames(zip)).sort()).toEqual(written);

  // A destination that cannot be written says so, in words, and leaves nothing behind.
  await page.getByLabel('A folder').check();
  const blocked = join(out, written[0]!, 'inside');
  await page.getByLabel('Folder', { exact: true }).fill(blocked);
  await page.getByRole('button', { name: 'Export 6 images' }).click();
  await expect(page.getByTestId('export-images-error')).toHaveText(`Cannot write to ${blocked}: it, or a folder above it, is a file`);
  expect(readdirSync(out)).toHaveLength(12);
  expect(problems).toEqual([]);
});

test('a contact sheet with captions and a sprite sheet with its atlas', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/export`);
  await page.getByLabel('Output ids').fill(`${samples[0]!.outputId}-${samples[5]!.outputId}`);
  await page.getByRole('tab', { name: 'Contact sheet' }).click();
  await page.getByLabel('Columns').fill('3');
  await page.getByLabel('Cell size in pixels').fill('64');
  const contact = join(served.scratch, 'sheets', 'contact.png');
  await page.getByLabel('Sheet file').fill(contact);
  await page.getByRole('button', { name: 'Make contact sheet' }).click();
  await expect(page.getByTestId('contact-sheet-report')).toHaveText(new RegExp(`^Wrote ${contact}: 6 images in 3 × 2 cells`));
  expect((await sharp(contact).metadata()).format).toBe('png');

  // The tab list follows the arrow keys.
  await page.getByRole('tab', { name: 'Contact sheet' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Sprite sheet' })).toHaveAttribute('aria-selected', 'true');
  const sprites = join(served.scratch, 'sheets', 'sprites.png');
  await page.getByLabel('Sheet file').fill(sprites);
  await expect(page.getByTestId('sprite-atlas-path')).toHaveText(`The atlas goes beside it: ${join(served.scratch, 'sheets', 'sprites.json')}`);
  await page.getByRole('button', { name: 'Make sprite sheet' }).click();
  await expect(page.getByTestId('sprite-sheet-report')).toContainText('6 images');
  const atlas = JSON.parse(readFileSync(join(served.scratch, 'sheets', 'sprites.json'), 'utf8')) as { frames: Record<string, unknown> };
  expect(Object.keys(atlas.frames)).toHaveLength(6);
  expect(problems).toEqual([]);
});

test('recall an exported image: its provenance, then its latent opened in Explore', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/export`);
  await page.getByRole('tab', { name: 'Recall' }).click();
  const first = samples[0]!;
  await page.locator('#recall-files').setInputFiles(join(out, `fashion-${first.seed}-1.webp`));
  const facts = page.getByTestId('recall-facts');
  await expect(facts).toContainText(`Latentseed ${first.seed}`);
  await expect(facts).toContainText(`In this projectoutput ${first.outputId}`);
  await expect(facts).toContainText(`Checkpoint${model.runName} · step 2`);
  await expect(page.getByTestId('recall-provenance')).toContainText(String(first.seed));
  await page.getByRole('button', { name: 'Open in Explore' }).click();
  await expect(page).toHaveURL(/#\/explore$/);
  await expect(page.getByRole('tab', { name: /Interpolate/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('explore-notice')).toHaveText('Added a keyframe (1 on the path)');
  expect(problems).toEqual([]);
});

test('a checkpoint out as a TF.js bundle and back in as a new run', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/export`);
  await page.getByRole('tab', { name: 'Models' }).click();
  await expect(page.getByLabel('Checkpoint to export')).toContainText('step 2');
  const bundle = join(served.scratch, 'bundle');
  await page.getByLabel('Bundle folder').fill(bundle);
  await page.getByRole('button', { name: 'Export bundle' }).click();
  await expect(page.getByTestId('model-export-report')).toHaveText(new RegExp(`^Wrote the bundle to ${bundle}: \\d+ files`));
  for (const name of ['model.json', 'README.md']) expect(existsSync(join(bundle, name))).toBe(true);

  await page.getByLabel('Bundle, checkpoint or project').fill(bundle);
  await page.getByRole('button', { name: 'Read it' }).click();
  await expect(page.getByTestId('model-import-summary')).toContainText('DCGAN 32 px, step 2');
  await page.getByLabel('Name of the imported run').fill('Fashion again');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('model-import-report')).toContainText('Imported as run Fashion again');
  await expect(page.getByLabel('Checkpoint to export')).toContainText('Fashion again');
  expect(problems).toEqual([]);
});
