// Takes the README's screenshots from the running app: starts serve mode on a
// scratch project holding Debian's Fashion-MNIST test set, opens it in
// Debian's Chromium and captures each view.
// Usage: npm run build && node scripts/screenshots.js [view ...]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from '@playwright/test';
import { writeDayNight, writeSketchPairs } from './screenshot-data.js';

const views = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['library'];
const scratch = mkdtempSync(join(tmpdir(), 'studio-screenshots-'));
const fashionMnist = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const seeded = spawnSync(process.execPath, ['dist/main/cli.js', 'import', 'Fashion-MNIST', fashionMnist, '--kind', 'images'], {
  env: { ...process.env, XDG_CONFIG_HOME: scratch },
  stdio: 'inherit',
});
if (seeded.status !== 0) process.exit(1);

/** Runs the CLI on the scratch project; a failure ends the script. */
function cli(...args) {
  const done = spawnSync(process.execPath, ['dist/main/cli.js', ...args], { env: { ...process.env, XDG_CONFIG_HOME: scratch }, stdio: 'inherit' });
  if (done.status !== 0) process.exit(1);
}

if (['train', 'explore', 'gallery', 'export'].some((view) => views.includes(view))) {
  // A short real run, so the Train view has charts, previews and checkpoints to show, and Explore a model.
  cli('train', '--dataset', 'Fashion-MNIST', '--resolution', '32', '--preset', 'quick', '--steps', '400', '--seed', '1');
}
const photos = join(scratch, 'photos');
if (views.includes('translate') || views.includes('style')) {
  // Real pix2pix and CycleGAN runs on made-up sketches and landscapes: a few minutes on a laptop's CPU.
  cli('import', 'Sketches', await writeSketchPairs(join(scratch, 'sketches'), 200, 64), '--kind', 'paired');
  const scenes = await writeDayNight(join(scratch, 'scenes'), 100, 64);
  cli('import', 'Day and night', scenes.day, scenes.night, '--kind', 'unpaired');
  cli('train', '--dataset', 'Sketches', '--model', 'pix2pix', '--resolution', '64', '--width', '16', '--steps', '1500', '--seed', '1');
  cli('train', '--dataset', 'Day and night', '--model', 'cyclegan', '--resolution', '64', '--width', '16', '--blocks', '3', '--steps', '400', '--seed', '2');
  await writeDayNight(photos, 1, 256);
}
const server = spawn(process.execPath, ['dist/main/cli.js', 'serve', '--port', '0', '--json', '--no-starter'], {
  env: { ...process.env, XDG_CONFIG_HOME: scratch },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const first = await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next();
  const { url, token } = JSON.parse(String(first.value));
  if (views.includes('gallery') || views.includes('export')) await curate(new URL(url).origin, token);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  // The views as they are once the guided tour has been seen (the tour has no screenshot of its own).
  await page.addInitScript(() => localStorage.setItem('latent-studio.tour.v1', 'finished'));
  await page.goto(url);
  await page.getByTestId('status-backend').filter({ hasText: /Backend: \w+$/ }).waitFor();
  mkdirSync('docs/screenshots', { recursive: true });
  for (const view of views) {
    await page.evaluate((id) => (location.hash = `#/${id}`), view);
    if (view === 'datasets') await page.getByText('Fashion-MNIST').first().click();
    if (view === 'train') await page.getByText('Fashion-MNIST · DCGAN 32 px').first().click();
    if (view === 'explore') await page.getByRole('button', { name: 'Generate', exact: true }).click();
    if (view === 'translate') await drawShapes(page);
    if (view === 'style') await applyStyle(page);
    if (view === 'gallery') await page.getByTestId('gallery-grid').getByRole('option').nth(2).click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `docs/screenshots/${view}.png` });
    console.log(`docs/screenshots/${view}.png`);
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
}

/** Samples from the trained model, some rated, tagged and collected, so the Gallery has a library to show. */
async function curate(origin, token) {
  const api = async (method, argument) => {
    const response = await fetch(`${origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify(argument === undefined ? [] : [argument]) });
    const envelope = await response.json();
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.value;
  };
  const [model] = await api('latent.models');
  const samples = await api('latent.sample', { checkpointId: model.checkpointId, seed: 1, count: 60, truncation: 0.8 });
  const ids = samples.map((sample) => sample.outputId);
  await api('gallery.rate', { outputIds: ids.filter((_, index) => index % 3 === 0), rating: 4 });
  await api('gallery.rate', { outputIds: ids.filter((_, index) => index % 7 === 0), rating: 5 });
  await api('gallery.favourite', { outputIds: ids.filter((_, index) => index % 5 === 0), favourite: true });
  await api('gallery.tag', { outputIds: ids.slice(0, 20), add: ['boots'] });
  await api('gallery.tag', { outputIds: ids.slice(20, 35), add: ['shirts'] });
  const board = await api('gallery.createCollection', { name: 'Lookbook' });
  await api('gallery.addToCollection', { collectionId: board.id, outputIds: ids.filter((_, index) => index % 4 === 0) });
  await api('gallery.createCollection', { name: 'Print run' });
}

/** A circle and a square drawn with the mouse, as a person would, so the live translation has something to show. */
async function drawShapes(page) {
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Sketches · pix2pix 64 px · step 1,500' });
  const canvas = page.getByTestId('sketch-canvas');
  const box = await canvas.boundingBox();
  const at = (x, y) => [box.x + box.width * x, box.y + box.height * y];
  await page.mouse.move(...at(0.5, 0.32));
  await page.mouse.down();
  for (let angle = 0; angle <= Math.PI * 2.05; angle += 0.1) await page.mouse.move(...at(0.32 + 0.3 * Math.cos(angle) * 0.6, 0.32 + 0.3 * Math.sin(angle) * 0.6));
  await page.mouse.up();
  await page.mouse.move(...at(0.5, 0.55));
  await page.mouse.down();
  for (const [x, y] of [[0.85, 0.55], [0.85, 0.9], [0.5, 0.9], [0.5, 0.55]]) await page.mouse.move(...at(x, y), { steps: 10 });
  await page.mouse.up();
  await page.getByTestId('live-translation').locator('img').waitFor();
}

/** Night on a day landscape at full strength, shown against the original. */
async function applyStyle(page) {
  await page.setViewportSize({ width: 1280, height: 1000 }); // room for the result under the controls
  await page.getByRole('combobox', { name: 'Style' }).selectOption({ label: 'Day and night · CycleGAN 64 px A → B' });
  await page.locator('#style-photo-files').setInputFiles(join(photos, 'day', 'scene-001.png'));
  await page.getByRole('button', { name: 'Apply style' }).click();
  await page.getByTestId('before-after').waitFor();
}
