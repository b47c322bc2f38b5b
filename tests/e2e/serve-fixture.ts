import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test as base, expect, type Page } from '@playwright/test';

export interface ServedStudio {
  /** The URL `serve` printed, token included. */
  readonly url: string;
  readonly token: string;
  readonly origin: string;
  /** A scratch folder for projects the test makes. */
  readonly scratch: string;
}

/** Starts the real `latent-studio serve` (built) on a free port, with its own user-data folder. */
async function startServe(): Promise<{ served: ServedStudio; child: ChildProcess }> {
  const scratch = mkdtempSync(join(tmpdir(), 'studio-e2e-'));
  const child = spawn(process.execPath, ['dist/main/cli.js', 'serve', '--port', '0', '--json'], {
    env: { ...process.env, XDG_CONFIG_HOME: join(scratch, 'config') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const first = await lines.next();
  const { url, token } = JSON.parse(String(first.value)) as { url: string; token: string };
  return { served: { url, token, origin: new URL(url).origin, scratch }, child };
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

export const test = base.extend<object, { served: ServedStudio }>({
  served: [
    async ({}, use) => {
      const { served, child } = await startServe();
      await use(served);
      child.kill('SIGTERM');
    },
    { scope: 'worker' },
  ],
});

export { expect };
