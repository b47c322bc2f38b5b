/**
 * The app's own settings (not a project's): kept as JSON in the user-data
 * folder, written atomically. Unknown or broken content falls back to the
 * defaults rather than stopping the app from starting.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute } from 'node:path';
import type { BackendName } from '../../preload/contract';
import { writeFileAtomically } from '../library/atomic-write';

export interface AppSettings {
  /** Compute on this backend rather than the fastest that loads; null: the fastest. */
  readonly backend: BackendName | null;
  /** Folders serve mode lets its browser users read and write besides the project (serve --allow-dir adds to them); absent: none. */
  readonly allowDirs?: readonly string[];
}

const defaults: AppSettings = { backend: null };
const backends: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export function loadSettings(file: string): AppSettings {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<keyof AppSettings, unknown>;
    const backend = backends.includes(stored.backend as BackendName) ? (stored.backend as BackendName) : null;
    const allowDirs = absoluteFolders(stored.allowDirs);
    return allowDirs ? { backend, allowDirs } : { backend };
  } catch {
    return defaults;
  }
}

/** Only absolute folder names: a relative one would depend on where serve happened to start. */
function absoluteFolders(value: unknown): readonly string[] | null {
  if (!Array.isArray(value)) return null;
  return value.filter((folder): folder is string => typeof folder === 'string' && isAbsolute(folder));
}

/** Stores `changes` over what the file holds, so saving one choice never drops another. */
export function saveSettings(file: string, changes: Partial<AppSettings>): void {
  mkdirSync(dirname(file), { recursive: true });
  const settings: AppSettings = { ...loadSettings(file), ...changes };
  writeFileAtomically(file, Buffer.from(`${JSON.stringify(settings, null, 2)}\n`));
}
