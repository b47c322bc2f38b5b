import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SystemInfo } from '../../preload/contract';
import { fashionMnistIdx } from '../fixtures/fashion-mnist';
import { callApi, collectPageProblems, expect, expectImagesLoaded, openOwnProject, test } from './serve-fixture';

/** Training on the wasm backend takes seconds per run here: the whole spec shares one project and one dataset. */
test.describe.configure({ mode: 'serial' });
test.setTimeout(90_000);

const modelChoice = (page: Page, name: string) => page.getByRole('radio', { name, exact: true });

/** Starts a 32 px run of `model` from the form, with `fields` of Advanced set beside the steps. */
async function startRun(page: Page, model: 'FastGAN' | 'DCGAN', steps: number, fields: Readonly<Record<string, string>> = {}): Promise<void> {
  await expect(page.getByLabel('Dataset', { exact: true })).toHaveValue('Fashion');
  await modelChoice(page, model).check();
  if (!(await page.getByLabel('Steps', { exact: true }).isVisible())) await page.getByText('Advanced', { exact: true }).click();
  await page.getByLabel('Steps', { exact: true }).fill(String(steps));
  // Small batches keep the wasm backend quick; the estimate follows the custom settings.
  await page.getByLabel('Batch size', { exact: true }).fill('8');
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await expect(page.getByTestId('custom-estimate')).toHaveText(/^With these settings: (about .+|under a second)\.?$/);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-title')).toHaveText(`Fashion · ${model} 32 px`);
}

let restoreProject = async () => {};

test.beforeAll(async ({ served }) => {
  restoreProject = await openOwnProject(served, 'Training');
  const folder = join(served.scratch, 'fashion-idx');
  mkdirSync(folder, { recursive: true });
  const images = fashionMnistIdx(folder, 200);
  await callApi(served, 'datasets.import', { dataset: 'Fashion', kind: 'images', paths: [images] });
});

test.afterAll(() => restoreProject());

test('train a small run: estimates, progress to the end, charts, preview, checkpoints and samples', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/train`);
  await expect(page.getByRole('heading', { level: 1, name: 'Train' })).toBeVisible();
  await expect(page.getByTestId('status-project')).toHaveText('Training');

  // A project without runs opens on the New run form; each preset shows its steps and a measured time.
  await expect(page.getByRole('heading', { name: 'New training run' })).toBeVisible();
  await expect(page.getByTestId('preset-quick')).toContainText(/measuring…|steps · about/);

  // An image set gets FastGAN, listed first; DCGAN stays a choice.
  const families = page.getByRole('group', { name: 'Model' }).getByRole('radio');
  await expect(families).toHaveCount(4);
  expect(await families.evaluateAll((radios) => radios.map((radio) => radio.getAttribute('aria-label')))).toEqual(['FastGAN', 'DCGAN', 'pix2pix', 'CycleGAN']);
  await expect(modelChoice(page, 'FastGAN')).toBeChecked();
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('placeholder', 'Fashion · FastGAN 32 px');
  await expect(page.getByTestId('preset-quick').getByTestId('preset-estimate')).toHaveText(/^600 steps · about \d/, { timeout: 60_000 });
  // 512 and 1024 px only where the engine computes on a GPU; up to 256 px anywhere.
  await expect.poll(async () => (await callApi<SystemInfo>(served, 'system.info')).backend, { timeout: 30_000 }).not.toBeNull();
  const gpu = (await callApi<SystemInfo>(served, 'system.info')).backend === 'tensorflow-gpu';
  const sizes = page.getByRole('group', { name: 'Resolution' }).getByRole('radio');
  await expect(sizes).toHaveCount(gpu ? 6 : 4);
  await expect(page.getByRole('radio', { name: '256 × 256' })).toBeVisible();
  await expect(page.getByTestId('resolution-withheld')).toHaveCount(gpu ? 0 : 1);
  if (!gpu) await expect(page.getByTestId('resolution-withheld')).toHaveText('512 × 512 and 1024 × 1024 need a GPU backend.');
  // FastGAN resizes, bilinear by default or nearest, never by transposed convolution; its augmentation is on unless turned off.
  await page.getByText('Advanced', { exact: true }).click();
  const upsampling = page.getByLabel('Upsampling', { exact: true });
  await expect(upsampling).toHaveValue('bilinear');
  await expect(upsampling.locator('option')).toHaveText([/^Bilinear resize/, /^Nearest resize/]);
  await expect(page.getByLabel('Augmentation', { exact: true }).locator('option:checked')).toHaveText('Automatic: on, as FastGAN’s recipe has it');

  // DCGAN: up to 128 px, its own presets, and the upsampling choice.
  await modelChoice(page, 'DCGAN').check();
  await expect(sizes).toHaveCount(3);
  await expect(page.getByTestId('resolution-withheld')).toHaveCount(0);
  await expect(upsampling).toHaveValue('bilinear');
  await expect(upsampling.locator('option')).toHaveText([/^Bilinear resize/, /^Nearest resize/, /^Transposed convolution/]);
  await expect(page.getByLabel('Augmentation', { exact: true }).locator('option:checked')).toHaveText('Automatic: on for under 5,000 images');
  await expect(page.getByTestId('preset-quick').getByTestId('preset-estimate')).toHaveText(/^1,000 steps · about \d/, { timeout: 60_000 });
  await expect(page.getByTestId('preset-quality').getByTestId('preset-estimate')).toHaveText(/^20,000 steps · about \d/);

  await startRun(page, 'DCGAN', 12);
  const runs = page.getByRole('list', { name: 'Training runs' });
  await expect(runs.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed', { timeout: 60_000 });
  await expect(page.getByTestId('run-steps')).toHaveText('Step 12 / 12');
  await expect(runs.getByTestId('run-status')).toHaveText('Completed');
  await expect(runs).toContainText('12 / 12');

  // Every chart has its points, drawn on a canvas.
  for (const chart of ['losses', 'outputs', 'sign']) {
    const plot = page.getByTestId(`chart-${chart}`);
    await expect(plot).toHaveAttribute('data-points', '12');
    await expect(plot.locator('canvas')).toHaveCount(1);
  }
  await expect(page.getByTestId('chart-swd')).not.toHaveAttribute('data-points', '0');
  // Beside SWD, the spectral artefact score, with its warning level drawn dashed.
  await expect(page.getByTestId('chart-spectral')).not.toHaveAttribute('data-points', '0');
  await expect(page.getByRole('figure', { name: /^Spectral artefacts in dB \(lower is closer to the data\) at step 12: Score \d.*, Checkerboard part \d/ })).toBeVisible();
  await expect(page.getByRole('figure', { name: /^Losses at step 12: D loss \d/ })).toBeVisible();

  await expectImagesLoaded(page.getByTestId('latest-preview'), 1);
  await expectImagesLoaded(runs.locator('img'), 1);

  // The checkpoints, each with its grid; the last one is the end of the run.
  const checkpoints = page.getByTestId('checkpoints').getByRole('listitem');
  await expect(checkpoints.last()).toContainText('Step 12');
  await expectImagesLoaded(page.getByTestId('checkpoints').locator('img'), await checkpoints.count());
  await checkpoints.last().getByRole('button', { name: 'Enlarge the preview at step 12' }).click();
  const viewer = page.getByTestId('image-viewer');
  await expect(viewer).toBeVisible();
  await expect(viewer.getByText('Checkpoint at step 12')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // Sixteen samples from the last checkpoint, one seed after another; Reroll draws new ones.
  await page.getByLabel('Sample from the checkpoint at step 12').click();
  await expect(page.getByRole('heading', { name: 'Samples from step 12' })).toBeVisible();
  const samples = page.getByTestId('samples');
  await expectImagesLoaded(samples.locator('img'), 16);
  const seed = Number(await page.getByLabel('Seed', { exact: true }).inputValue());
  await expect(samples.locator('.seed').first()).toHaveText(String(seed));
  await expect(samples.locator('.seed').last()).toHaveText(String(seed + 15));
  await page.getByLabel('Seed', { exact: true }).fill('42');
  await page.getByRole('button', { name: 'Sample', exact: true }).click();
  await expect(samples.locator('.seed').first()).toHaveText('42');
  await expectImagesLoaded(samples.locator('img'), 16);
  await page.getByRole('button', { name: 'Reroll' }).click();
  await expect(samples.locator('.seed').first()).not.toHaveText('42');
  await expectImagesLoaded(samples.locator('img'), 16);

  expect(problems).toEqual([]);
});

test('pause a run, see it paused, resume it with Space and see it complete', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/train`);
  await expect(page.getByTestId('status-project')).toHaveText('Training');
  // The newest run opens; New run shows the form again.
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed');
  await page.getByRole('button', { name: 'New run' }).click();
  await startRun(page, 'DCGAN', 60);

  const runs = page.getByRole('list', { name: 'Training runs' });
  await expect(runs.getByRole('listitem')).toHaveCount(2);
  await expect(page.getByTestId('run-stats')).toContainText('images/s', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-detail-status')).toHaveText('Paused');
  await expect(runs.getByTestId('run-status').first()).toHaveText('Paused');
  const pausedAt = await page.getByTestId('run-steps').textContent();
  expect(pausedAt).not.toBe('Step 60 / 60');

  // Space on the shown run in the list resumes it.
  await runs.getByRole('button').first().focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('run-detail-status')).toHaveText(/Queued|Training|Completed/);
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed', { timeout: 60_000 });
  await expect(page.getByTestId('run-steps')).toHaveText('Step 60 / 60');
  await expect(page.getByTestId('chart-losses')).toHaveAttribute('data-points', '60');
  await expect(page.getByTestId('checkpoints').getByRole('listitem').last()).toContainText('Step 60');

  expect(problems).toEqual([]);
});

test('a damaged checkpoint: sampling uses the one before and says so in the status bar, and the timeline marks it damaged', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  // The newest run (run 2) ended at step 60; its file is altered on disk, as a bad disk or a careless copy would.
  const file = join(served.scratch, 'Training', 'checkpoints', 'run-2', 'step-00000060.lsck');
  const bytes = readFileSync(file);
  bytes[bytes.length - 64]! ^= 0xff;
  writeFileSync(file, bytes);

  await page.goto(`${served.url}#/train`);
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed');
  await page.getByLabel('Sample from the checkpoint at step 60').click();
  await expectImagesLoaded(page.getByTestId('samples').locator('img'), 16);
  await expect(page.getByTestId('status-notice')).toContainText(/Checkpoint \d+ \(step 60, checkpoints\/run-2\/step-00000060\.lsck\) is damaged: its contents do not match their checksum\. Using checkpoint \d+ \(step \d+\)/);
  await page.getByRole('button', { name: 'Dismiss the notice' }).click();
  await expect(page.getByTestId('status-notice')).toBeHidden();

  await page.reload();
  const newest = page.getByTestId('checkpoints').getByRole('listitem').last();
  await expect(newest.getByTestId('checkpoint-damaged')).toHaveText('damaged');
  await expect(newest.getByTestId('checkpoint-damaged')).toHaveAttribute('title', /its contents do not match their checksum/);
  await expect(page.getByTestId('checkpoints').getByTestId('checkpoint-damaged')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('damaged-checkpoint.png') });

  expect(problems).toEqual([]);
});

test('train a tiny FastGAN, the default for an image set: its reconstruction chart, samples, and Explore', async ({ page, served }) => {
  const problems = collectPageProblems(page);
  await page.goto(`${served.url}#/train`);
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed');
  await page.getByRole('button', { name: 'New run' }).click();
  await expect(modelChoice(page, 'FastGAN')).toBeChecked();
  await startRun(page, 'FastGAN', 4, { Width: '4' });
  await expect(page.getByTestId('run-model')).toHaveText('FastGAN');
  await expect(page.getByTestId('run-detail-status')).toHaveText('Completed', { timeout: 60_000 });
  await expect(page.getByTestId('run-steps')).toHaveText('Step 4 / 4');

  // DCGAN's charts, and the discriminator's reconstruction error at every step.
  for (const chart of ['losses', 'outputs', 'sign', 'reconstruction']) await expect(page.getByTestId(`chart-${chart}`)).toHaveAttribute('data-points', '4');
  for (const chart of ['swd', 'spectral']) await expect(page.getByTestId(`chart-${chart}`)).not.toHaveAttribute('data-points', '0');
  await expect(page.getByRole('figure', { name: /^D’s reconstruction error of real images \(L1, lower is better\) at step 4: Reconstruction \d/ })).toBeVisible();

  // Its checkpoint shows SWD and samples from noise, as a DCGAN's does.
  const last = page.getByTestId('checkpoints').getByRole('listitem').last();
  await expect(last).toContainText('Step 4');
  await expect(last.getByTestId('checkpoint-metrics')).toHaveText(/SWD\s*\d/);
  await page.getByLabel('Sample from the checkpoint at step 4').click();
  await expectImagesLoaded(page.getByTestId('samples').locator('img'), 16);

  // Explore draws from it.
  await page.goto(`${served.url}#/explore`);
  await expect(page.getByLabel('Model', { exact: true })).toContainText('Fashion · FastGAN 32 px · step 4');

  expect(problems).toEqual([]);
});
