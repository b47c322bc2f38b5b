// Takes the README's screenshots from the running app, as a new user first
// sees it: serve mode makes a new default project and fills it with the
// starter datasets and models (assets/starter), then each view is captured in
// Debian's Chromium. Only the Train view's run is trained here (a few minutes
// on a laptop's CPU), so its charts have something to show.
// Usage: npm run build && node scripts/screenshots.js [view ...]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';

const views = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['library'];
const scratch = mkdtempSync(join(tmpdir(), 'studio-screenshots-'));
const starterPending = join(scratch, 'Latent Studio', 'Default Project', 'starter-pending');

const server = spawn(process.execPath, ['dist/main/cli.js', 'serve', '--port', '0', '--json'], {
  env: { ...process.env, XDG_CONFIG_HOME: scratch },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const first = await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next();
  const { url, token } = JSON.parse(String(first.value));
  const api = apiOf(new URL(url).origin, token);
  while (existsSync(starterPending)) await sleep(500);
  if (views.includes('train')) await trainFashion(api);
  if (views.includes('gallery') || views.includes('export')) await curate(api);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  // The views as they are once the guided tour has been seen (the tour has no screenshot of its own).
  await page.addInitScript(() => localStorage.setItem('latent-studio.tour.v1', 'finished'));
  await page.goto(url);
  await page.getByTestId('status-backend').filter({ hasText: /Backend: \w+$/ }).waitFor();
  mkdirSync('docs/screenshots', { recursive: true });
  for (const view of views) {
    await page.evaluate((id) => (location.hash = `#/${id}`), view);
    if (view === 'datasets') await page.getByText('Sketch to day').first().click();
    if (view === 'train') await page.getByText('Fashion-MNIST · DCGAN 32 px').first().click();
    if (view === 'explore') await generateLandscapes(page);
    if (view === 'translate') await drawLandscape(page);
    if (view === 'style') await applyNight(page);
    if (view === 'gallery') await page.getByTestId('gallery-grid').getByRole('option').nth(2).click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `docs/screenshots/${view}.png` });
    console.log(`docs/screenshots/${view}.png`);
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
}

function apiOf(origin, token) {
  return async (method, argument) => {
    const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(argument === undefined ? [] : [argument]) });
    const envelope = await response.json();
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value;
  };
}

/** A short real run on the starter Fashion-MNIST sample, so the Train view has charts, previews and checkpoints. */
async function trainFashion(api) {
  const run = await api('training.start', { dataset: 'Fashion-MNIST', model: 'dcgan', resolution: 32, preset: 'quick', steps: 400, seed: 1 });
  for (;;) {
    const { status, error } = await api('training.get', { runId: run.id });
    if (status === 'completed') return;
    if (status === 'failed') throw new Error(error);
    await sleep(1000);
  }
}

/** Landscapes from the starter model, some rated, tagged and collected, so the Gallery has a library to show. */
async function curate(api) {
  const models = await api('latent.models');
  const landscapes = models.find((model) => model.runName.startsWith('Starter landscapes'));
  const samples = await api('latent.sample', { checkpointId: landscapes.checkpointId, seed: 100, count: 40, truncation: 0.8 });
  const ids = samples.map((sample) => sample.outputId);
  await api('gallery.rate', { outputIds: ids.filter((_, index) => index % 3 === 0), rating: 4 });
  await api('gallery.rate', { outputIds: ids.filter((_, index) => index % 7 === 0), rating: 5 });
  await api('gallery.favourite', { outputIds: ids.filter((_, index) => index % 5 === 0), favourite: true });
  await api('gallery.tag', { outputIds: ids.slice(0, 15), add: ['lakes'] });
  await api('gallery.tag', { outputIds: ids.slice(15, 30), add: ['hills'] });
  const board = await api('gallery.createCollection', { name: 'Postcards' });
  await api('gallery.addToCollection', { collectionId: board.id, outputIds: ids.filter((_, index) => index % 4 === 0) });
  await api('gallery.createCollection', { name: 'Print run' });
}

async function generateLandscapes(page) {
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: 'Starter landscapes (DCGAN 64 px) · step 2,500' });
  await page.getByLabel('Seed', { exact: true }).fill('20');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
}

/** A horizon, hills and a sun drawn with the mouse, as a person would, so the live translation has something to show. */
async function drawLandscape(page) {
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption({ label: 'Starter sketch to day (pix2pix 128 px) · step 3,000' });
  const canvas = page.getByTestId('sketch-canvas');
  const box = await canvas.boundingBox();
  const at = ([x, y]) => [box.x + box.width * x, box.y + box.height * y];
  const stroke = async (points) => {
    await page.mouse.move(...at(points[0]));
    await page.mouse.down();
    for (const point of points.slice(1)) await page.mouse.move(...at(point), { steps: 10 });
    await page.mouse.up();
  };
  await stroke([[0.02, 0.62], [0.98, 0.62]]);
  await stroke([[0.02, 0.5], [0.2, 0.34], [0.38, 0.47], [0.6, 0.28], [0.8, 0.44], [0.98, 0.4]]);
  const sun = [];
  for (let angle = 0; angle <= Math.PI * 2.05; angle += 0.2) sun.push([0.78 + 0.07 * Math.cos(angle), 0.16 + 0.07 * Math.sin(angle)]);
  await stroke(sun);
  await page.getByTestId('live-translation').locator('img').waitFor();
}

/** The starter day-to-night model on a landscape it never saw, shown against the original. */
async function applyNight(page) {
  await page.setViewportSize({ width: 1280, height: 1000 }); // room for the result under the controls
  const scenes = join(scratch, 'scenes');
  if (spawnSync(process.execPath, ['dist/main/cli.js', 'scenes', '--out', scenes, '--count', '1', '--size', '384x256', '--seed', '300001'], { stdio: 'inherit' }).status !== 0) process.exit(1);
  await page.getByRole('combobox', { name: 'Style', exact: true }).selectOption({ label: 'Starter day to night (pix2pix 128 px) A → B' });
  await page.locator('#style-photo-files').setInputFiles(join(scenes, 'day', 'scene-300001.png'));
  await page.getByRole('button', { name: 'Apply style' }).click();
  await page.getByTestId('before-after').waitFor();
}
