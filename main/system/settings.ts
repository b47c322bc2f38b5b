/**
 * The app's own settings (not a project's): kept as JSON in the user-data
 * folder, written atomically. Unknown or broken content falls back to the
 * defaults rather than stopping the app from starting.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BackendName } from '../../preload/contract';
import { writeFileAtomically } from '../library/atomic-write';

export interface AppSettings {
  /** Compute on this backend rather than the fastest that loads; null: the fastest. */
  readonly backend: BackendName | null;
}

const defaults: AppSettings = { backend: null };
const backends: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export function loadSettings(file: string): AppSettings {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<AppSettings>;
    return { backend: backends.includes(stored.backend as BackendName) ? (stored.backend as BackendName) : null };
  } catch {
    return defaults;
  }
}

export function saveSettings(file: string, settings: AppSettings): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomically(file, Buffer.from(`${JSON.stringify(settings, null, 2)}\n`));
}
