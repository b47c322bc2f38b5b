/** Projects made through the built CLI, as a person makes them, for the data-safety tests. */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appPaths } from '../../../../main/paths';
import { patternImage } from '../datasets/fixtures';

export const cli = join(appPaths().root, 'dist', 'main', 'cli.js');

/** The small run every test trains: a DCGAN (the quickest step) at 32 px, width 8, batch 8, a checkpoint every 10 steps. */
export const tinyRun = ['--model', 'dcgan', '--resolution', '32', '--width', '8', '--batch', '8', '--backend', 'wasm'];

export function cliIn(base: string): { run: (...args: string[]) => SpawnSyncReturns<string>; start: (...args: string[]) => ChildProcess } {
  const env = { ...process.env, XDG_CONFIG_HOME: join(base, 'config') };
  return {
    run: (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env, timeout: 180_000 }),
    start: (...args) => spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
  };
}

export async function writeImages(folder: string, count: number, size = 32): Promise<string> {
  mkdirSync(folder, { recursive: true });
  await Promise.all(Array.from({ length: count }, (_, index) => patternImage(500 + index, size, size).png().toFile(join(folder, `${String(index).padStart(3, '0')}.png`))));
  return folder;
}

/** Every file under `folder` with its SHA-256, by path relative to it. */
export function fileHashes(folder: string): Record<string, string> {
  const hashes: Record<string, string> = {};
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(folder, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else hashes[path] = createHash('sha256').update(readFileSync(join(folder, path))).digest('hex');
    }
  };
  walk('');
  return hashes;
}

/** Resolves once `child` has printed `text` on stderr or stdout. */
export function printed(child: ChildProcess, text: string | RegExp, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`never printed ${text}: ${seen.slice(-500)}`)), timeoutMs);
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      if (typeof text === 'string' ? seen.includes(text) : text.test(seen)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
  });
}

export function exited(child: ChildProcess): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
