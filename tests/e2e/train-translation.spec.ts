import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { writeDayNightFolders, writeSideBySidePairs } from '../fixtures/translation-pairs';
import { callApi, collectPageProblems, expect, expectImagesLoaded, openOwnProject, test } from './serve-fixture';

/** Translation runs through the New run form: tiny models (width 8) for a few steps, so each trains in seconds on wasm. */
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

let restoreProject = async () => {};

test.beforeAll(async ({ served }) => {
  restoreProject = await openOwnProject(served, 'Translation training');
  const pairs = await writeSideBySidePairs(join(served.scratch, 'shape-pairs'), 12, 64);
  await callApi(served, 'datasets.import', { dataset: 'Shapes', kind: 'paired', paths: [pairs] });
});

test.afterAll(() => restoreProject());

/** The Train view's form: a project without runs opens on it; one with runs opens the newest, and New run shows the form. */
async function openForm(page: Page, url: string, hasRuns: boolean): Promise<void> {
  await page.goto(`${url}#/train`);
  await expect(page.getByTestId('status-project')).toHaveText('Translation training');
  if (hasRuns) {
    await expect(page.getByTestId('run-detail-status')).toHaveText('Completed');
    await page.getByRole('button', { name: 'New run' }).click();
  }
  await expect(page.getByRole('heading', { name: 'New training run' })).toBeVisible();
}

async function setAdvanced(page: Page, fields: Readonly<Record<string, string>>): Promise<void> {
  if (!(await page.getByLabel('Steps', { exact: true }).isVisible())) await page.getByText('Advanced', { exact: true }).click();
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
}

async function expectChartPoints(page: Page, everyStep: readonly string[], measured: readonly string[], steps: number): Promise<void> {
  for (const chart of everyStep) await expect(page.getByTestId(`chart-${chart}`)).toHaveAttribute('data-points', String(steps));
  for (const chart of measured) await expect(page.getByTestId(`chart-${chart}`)).not.toHaveAttribute('data-points', '0');
}

test('train pix2pix from the form: model, resolutions and suitability follow the choice; charts, metrics and the Translate link', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await openForm(page, served.url, false);
  const model = (name: string) => page.getByRole('radio', { name, exact: true });

  // The project's one dataset is paired: the form opens on pix2pix, at a resolution pix2pix trains at, with pix2pix's presets.
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('Shapes');
  await expect(model('pix2pix')).toBeChecked();
  await expect(page.getByRole('group', { name: 'Resolution' }).getByRole('radio')).toHaveCount(3);
  await expect(page.getByRole('radio', { name: '32 × 32' })).toHaveCount(0);
  await expect(page.getByRole('radio', { name: '64 × 64' })).toBeChecked();
  await expect(page.getByTestId('dataset-unsuitable')).toHaveCount(0);
  await expect(page.getByTestId('preset-quality').getByTestId('preset-estimate')).toHaveText(/^40,000 steps · about \d/, { timeout: 60_000 });

  // DCGAN cannot learn from pairs: the form says what can, and offers DCGAN's resolutions, keeping 64 px.
  await model('DCGAN').check();
  await expect(page.getByTestId('dataset-unsuitable')).toContainText('choose pix2pix or CycleGAN');
  await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();
  await expect(page.getByRole('radio', { name: '32 × 32' })).toBeVisible();
  await expect(page.getByRole('radio', { name: '64 × 64' })).toBeChecked();
  await model('pix2pix').check();
  await expect(page.getByTestId('dataset-unsuitable')).toHaveCount(0);
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('placeholder', 'Shapes · pix2pix 64 px');

  await setAdvanced(page, { Steps: '8', Width: '8' });
  await expect(page.getByLabel('L1 weight λ', { exact: true })).toHaveAttribute('placeholder', '100');
  await expect(page.getByLabel('Direction', { exact: true })).toHaveValue('AtoB');
  await expect(page.getByLabel('Augmentation', { exact: true })).toHaveCount(0);
  await page.getByRole('button', { name: 'Start training' }).click();

  await expect(page.getByTestId('run-title')).toHaveText('Shapes · pix2pix 64 px');
  await expect(page.getByTestId('run-model')).toHaveText('pix2pix');
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed', { timeout: 60_000 });
  await expect(page.getByTestId('run-steps')).toHaveText('Step 8 / 8');

  await expectChartPoints(page, ['losses', 'generator-terms', 'outputs'], ['held-out-l1', 'held-out-psnr', 'held-out-ssim'], 8);
  await expect(page.getByTestId('chart-sign')).toHaveCount(0);
  await expect(page.getByRole('figure', { name: /^Generator terms: GAN and L1 \(before λ\) at step 8: GAN \d.*, L1 \d/ })).toBeVisible();
  await expectImagesLoaded(page.getByTestId('latest-preview'), 1);
  await expect(page.getByTestId('preview-legend')).toHaveText('Held-out pairs: input | output | target');

  // The checkpoint shows its held-out metrics and links to Translate; there is nothing to sample.
  const last = page.getByTestId('checkpoints').getByRole('listitem').last();
  await expect(last).toContainText('Step 8');
  await expect(last.getByTestId('checkpoint-metrics')).toHaveText(/L1\s*\d.*PSNR\s*\d.* dB\s*SSIM\s*-?\d/);
  await expectImagesLoaded(last.locator('img'), 1);
  await expect(page.getByRole('button', { name: /^Sample from/ })).toHaveCount(0);
  await expect(last.getByRole('link', { name: /^Style/ })).toHaveCount(0);
  const translate = last.getByRole('link', { name: 'Translate with the checkpoint at step 8' });
  await expect(translate).toHaveAttribute('href', /^#\/translate\?checkpoint=\d+$/);
  expect(problems).toEqual([]);

  // The link opens the Translate view, the query left for it to read.
  await translate.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Translate' })).toBeVisible();
  expect(new URL(page.url()).hash).toMatch(/^#\/translate\?checkpoint=\d+$/);
});

test('train CycleGAN from the form on an unpaired set: its charts, its cycle error and both links', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  const scenes = await writeDayNightFolders(join(served.scratch, 'scenes'), 8, 64);
  await callApi(served, 'datasets.import', { dataset: 'Scenes', kind: 'unpaired', paths: [scenes.day, scenes.night] });
  await openForm(page, served.url, true);
  const model = (name: string) => page.getByRole('radio', { name, exact: true });

  // Picking an unpaired set on the DCGAN form switches to CycleGAN, the one family that learns from it.
  await page.getByLabel('Dataset', { exact: true }).selectOption('Shapes');
  await model('DCGAN').check();
  await page.getByLabel('Dataset', { exact: true }).selectOption('Scenes');
  await expect(model('CycleGAN')).toBeChecked();
  await model('DCGAN').check();
  await expect(page.getByTestId('dataset-unsuitable')).toContainText('to translate between its two sides, choose CycleGAN.');
  await model('CycleGAN').check();
  await expect(page.getByTestId('dataset-unsuitable')).toHaveCount(0);
  await setAdvanced(page, { Steps: '4', Width: '8' });
  // The paper's residual blocks: 6 up to 128 px, 9 at 256 px. Back to 64 px at once: a 256 px estimate would keep the engine busy for minutes.
  await expect(page.getByLabel('Residual blocks', { exact: true })).toHaveAttribute('placeholder', '6');
  await page.getByRole('radio', { name: '256 × 256' }).check();
  await expect(page.getByLabel('Residual blocks', { exact: true })).toHaveAttribute('placeholder', '9');
  await page.getByRole('radio', { name: '64 × 64' }).check();
  await setAdvanced(page, { 'Residual blocks': '1' });
  await page.getByRole('button', { name: 'Start training' }).click();

  await expect(page.getByTestId('run-title')).toHaveText('Scenes · CycleGAN 64 px');
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed', { timeout: 60_000 });
  await expectChartPoints(page, ['losses', 'generator-terms', 'discriminators'], ['cycle-error'], 4);
  await expect(page.getByRole('figure', { name: /^Discriminator losses, each side at step 4: D\(A\) loss \d.*, D\(B\) loss \d/ })).toBeVisible();

  const last = page.getByTestId('checkpoints').getByRole('listitem').last();
  await expect(last.getByTestId('checkpoint-metrics')).toHaveText(/Cycle error\s*\d.*A→B→A\s*\d.*B→A→B\s*\d/);
  await expect(last.getByRole('link', { name: 'Translate with the checkpoint at step 4' })).toHaveAttribute('href', /^#\/translate\?checkpoint=\d+$/);
  await expect(last.getByRole('link', { name: 'Style with the checkpoint at step 4' })).toHaveAttribute('href', /^#\/style\?checkpoint=\d+$/);
  expect(problems).toEqual([]);
});
