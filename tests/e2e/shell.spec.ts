import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectPageErrors, expect, test } from './serve-fixture';

const viewLabels = ['Library', 'Datasets', 'Train', 'Explore', 'Translate', 'Style', 'Gallery', 'Export'];

test('the studio loads, shows the backend and project in the status bar, and logs no errors', async ({ page, served }) => {
  const errors = collectPageErrors(page);
  await page.goto(served.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByTestId('status-backend')).toHaveText(/Backend: (wasm|tensorflow|tensorflow-gpu|cpu)$/);
  await expect(page.getByTestId('status-project')).toHaveText('Default Project');
  // The token leaves the address bar once the page has it.
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByTestId('status-project')).toHaveText('Default Project');
  expect(errors).toEqual([]);
});

test('every view is reachable by clicking the rail', async ({ page, served }) => {
  const errors = collectPageErrors(page);
  await page.goto(served.url);
  for (const label of viewLabels) {
    await page.getByRole('tab', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect(page.getByRole('tab', { name: label })).toHaveAttribute('aria-selected', 'true');
    expect(page.url()).toContain(`#/${label.toLowerCase()}`);
  }
  expect(errors).toEqual([]);
});

test('views are reachable from the keyboard: digits, and arrows along the rail', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('status-project')).toHaveText('Default Project');
  for (const [index, label] of viewLabels.entries()) {
    await page.keyboard.press(String(index + 1));
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  }
  await page.getByRole('tab', { name: 'Export' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Library' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('heading', { level: 1, name: 'Export' })).toBeVisible();
  // Typing a digit into a field must not switch views.
  await page.keyboard.press('1');
  await page.getByLabel('Project folder').fill('3');
  await expect(page.getByRole('heading', { level: 1, name: 'Library' })).toBeVisible();
});

test('a deep link opens its view', async ({ page, served }) => {
  await page.goto(`${served.url}#/gallery`);
  await expect(page.getByRole('heading', { level: 1, name: 'Gallery' })).toBeVisible();
});

test('the Library view creates and opens projects, and shows why one cannot be opened', async ({ page, served }) => {
  const errors = collectPageErrors(page);
  await page.goto(served.url);
  const folder = join(served.scratch, 'Landscapes');
  await page.getByLabel('Project folder').fill(folder);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('status')).toHaveText('Created Landscapes');
  await expect(page.getByTestId('status-project')).toHaveText('Landscapes');

  const photos = join(served.scratch, 'photos');
  mkdirSync(photos);
  writeFileSync(join(photos, 'beach.jpg'), 'jpeg');
  await page.getByLabel('Project folder').fill(photos);
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('alert')).toHaveText(`${photos} is not a Latent Studio project (no library.db)`);
  await expect(page.getByTestId('status-project')).toHaveText('Landscapes');
  expect(errors).toEqual([]);
});

test('a project opened by another client is pushed to the page over the WebSocket', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByTestId('status-backend')).toHaveText(/Backend: \w/);
  const response = await fetch(`${served.origin}/api/library.create`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.token}` },
    body: JSON.stringify([{ path: join(served.scratch, 'Pushed') }]),
  });
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  await expect(page.getByTestId('status-project')).toHaveText('Pushed');
});

test('without the token the server refuses the page', async ({ page, served }) => {
  const response = await page.goto(served.origin);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('A token is required');
});
