import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { eventNames, methodNames, subscriberName } from '../../preload/contract';

/**
 * The desktop app itself. Electron's binary is downloaded on first use from a
 * host an offline machine cannot reach; where it is missing this spec is
 * skipped and says so, and the same renderer is covered in Chromium through
 * serve mode (shell.spec.ts).
 */
function installedElectronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(binary) ? binary : null;
}

const binary = installedElectronBinary();

test.describe('Electron desktop app', () => {
  test.skip(binary === null, 'The Electron binary is not installed (node_modules/electron/dist is missing: it downloads on first use, which needs network access)');

  test('opens a locked-down window whose views and status bar work', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['.'],
      env: { ...process.env, XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'studio-electron-')) },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('status-backend')).toHaveText(/Backend: (wasm|tensorflow|tensorflow-gpu|cpu)$/);
      await expect(page.getByTestId('status-project')).toHaveText('Default Project');
      expect(page.url()).toMatch(/^studio:\/\/app\//);
      for (const label of ['Library', 'Datasets', 'Train', 'Explore', 'Translate', 'Style', 'Gallery', 'Export']) {
        await page.getByRole('tab', { name: label }).click();
        await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
      }
      // The page sees only the contract: no Node, no ipcRenderer, no popups.
      const exposed = await page.evaluate(() => {
        const browser = globalThis as unknown as { studio?: object; require?: unknown; process?: unknown; open(url: string): unknown };
        return {
          keys: Object.keys(browser.studio ?? {}).sort(),
          require: typeof browser.require,
          process: typeof browser.process,
          popup: browser.open('https://example.com') === null,
        };
      });
      const contractKeys = [...new Set(methodNames.map((method) => method.split('.')[0]!)), ...eventNames.map(subscriberName), 'localPathOf'].sort();
      expect(exposed).toEqual({
        keys: contractKeys,
        require: 'undefined',
        process: 'undefined',
        popup: true,
      });
    } finally {
      await app.close();
    }
  });
});
