import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { defaultProjectPath, userDataDir } from '../../main/paths';
import { tourMemoryKey, type TourOutcome, type TourStore } from '../../renderer/src/lib/tour-memory';

export interface ServedStudio {
  /** The URL `serve` printed, token included. */
  readonly url: string;
  readonly token: string;
  readonly origin: string;
  /** A scratch folder for projects the test makes. */
  readonly scratch: string;
  /** The default project serve opened, inside its user-data folder. */
  readonly defaultProject: string;
}

/**
 * Starts the real `latent-studio serve` (built) on a free port, with its own
 * user-data folder, so its default project is new. Without `starter` that
 * project starts empty (--no-starter), as most specs want.
 */
async function startServe(starter: boolean): Promise<{ served: ServedStudio; child: ChildProcess }> {
  const scratch = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const env = { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config') };
  // Specs import from and export into the scratch folder, which holds the default project too: serve may use all of it.
  const args = ['dist/main/cli.js', 'serve', '--port', '0', '--json', '--allow-dir', scratch, ...(starter ? [] : ['--no-starter'])];
  const child = spawn(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  const { url, token } = JSON.parse(String(first.value)) as { url: string; token: string };
  return { served: { url, token, origin: new URL(url).origin, scratch, defaultProject: defaultProjectPath(userDataDir(env)) }, child };
}

/** Console errors and uncaught exceptions: a page that logs any has failed, whatever it shows. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Console errors (CSP violations among them), uncaught exceptions and Svelte's warnings: all mean a bug. */
export function collectPageProblems(page: Page): string[] {
  const problems = collectPageErrors(page);
  page.on('console', (message) => {
    if (message.type() === 'warning' && message.text().includes('svelte')) problems.push(message.text());
  });
  return problems;
}

/** Calls the API as the page would, for setting a spec up; a failed call throws with its message. */
export async function callApi<T>(served: ServedStudio, method: string, argument?: unknown): Promise<T> {
  const response = await fetch(`${served.origin}/api/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${served.token}` },
    body: JSON.stringify(argument === undefined ? [] : [argument]),
  });
  const envelope = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value as T;
}

/**
 * Creates and opens a project of the spec's own. The server is shared by
 * every spec file a worker runs, so the returned function reopens the project
 * that was open before: call it in afterAll, and the next file finds the
 * default project as a fresh studio would show it.
 */
/** Makes the served studio work in project `name` (opening it when a spec has made it already); returns how to go back. */
export async function openOwnProject(served: ServedStudio, name: string): Promise<() => Promise<void>> {
  const before = await callApi<{ project: { path: string } | null }>(served, 'system.info');
  const path = join(served.scratch, name);
  await callApi(served, existsSync(join(path, 'library.db')) ? 'library.open' : 'library.create', { path });
  return async () => {
    if (before.project) await callApi(served, 'library.open', { path: before.project.path });
  };
}

export async function expectImagesLoaded(images: Locator, count: number): Promise<void> {
  await expect(images).toHaveCount(count);
  await expect.poll(() => images.evaluateAll((all) => all.filter((image) => 'naturalWidth' in image && Number(image.naturalWidth) > 0).length)).toBe(count);
}

export const test = base.extend<{ tourSeen: boolean }, { starter: boolean; served: ServedStudio }>({
  /**
   * Whether the page starts as if the guided tour had been seen, so it does not
   * cover what a spec looks at; tour.spec.ts turns it off to see a first launch.
   */
  tourSeen: [true, { option: true }],
  page: async ({ page, tourSeen }, use) => {
    if (tourSeen) {
      await page.addInitScript(
        ({ key, outcome }) => {
          const browser = globalThis as unknown as { origin: string; localStorage: TourStore };
          // Pages without an origin of their own (about:blank) have no storage to write to.
          if (browser.origin !== 'null') browser.localStorage.setItem(key, outcome);
        },
        { key: tourMemoryKey, outcome: 'finished' satisfies TourOutcome },
      );
    }
    await use(page);
  },
  /** Whether serve fills its new default project with the starter content, as a first launch does (first-launch.spec.ts). */
  starter: [false, { option: true, scope: 'worker' }],
  served: [
    async ({ starter }, use) => {
      const { served, child } = await startServe(starter);
      await use(served);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
});

export { expect };
