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

const views = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['library'];
const scratch = mkdtempSync(join(tmpdir(), 'studio-screenshots-'));
const fashionMnist = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const seeded = spawnSync(process.execPath, ['dist/main/cli.js', 'import', 'Fashion-MNIST', fashionMnist, '--kind', 'images'], {
  env: { ...process.env, XDG_CONFIG_HOME: scratch },
  stdio: 'inherit',
});
if (seeded.status !== 0) process.exit(1);
if (views.includes('train') || views.includes('explore')) {
  // A short real run, so the Train view has charts, previews and checkpoints to show, and Explore a model.
  const trained = spawnSync(process.execPath, ['dist/main/cli.js', 'train', '--dataset', 'Fashion-MNIST', '--resolution', '32', '--preset', 'quick', '--steps', '400', '--seed', '1'], {
    env: { ...process.env, XDG_CONFIG_HOME: scratch },
    stdio: 'inherit',
  });
  if (trained.status !== 0) process.exit(1);
}
const server = spawn(process.execPath, ['dist/main/cli.js', 'serve', '--port', '0', '--json'], {
  env: { ...process.env, XDG_CONFIG_HOME: scratch },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const first = await createInterface({ input: server.stdout })[Symbol.asyncIterator]().next();
  const { url } = JSON.parse(String(first.value));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
  await page.goto(url);
  await page.getByTestId('status-backend').filter({ hasText: /Backend: \w+$/ }).waitFor();
  mkdirSync('docs/screenshots', { recursive: true });
  for (const view of views) {
    await page.evaluate((id) => (location.hash = `#/${id}`), view);
    if (view === 'datasets') await page.getByText('Fashion-MNIST').first().click();
    if (view === 'train') await page.getByText('Fashion-MNIST · DCGAN 32 px').first().click();
    if (view === 'explore') await page.getByRole('button', { name: 'Generate', exact: true }).click();
    await page.waitForTimeout(1500);
    await page.screenshot({ path: `docs/screenshots/${view}.png` });
    console.log(`docs/screenshots/${view}.png`);
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
}
