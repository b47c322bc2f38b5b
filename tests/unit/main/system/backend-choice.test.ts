import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendReport, SystemInfo } from '../../../../preload/contract';
import { forkEngine } from '../../../../main/engine/fork';
import { appPaths } from '../../../../main/paths';
import { createStudio, type Studio } from '../../../../main/studio';
import { loadSettings } from '../../../../main/system/settings';

describe('choosing the compute backend', () => {
  const folder = mkdtempSync(join(tmpdir(), 'studio-settings-'));
  const settingsFile = join(folder, 'settings.json');
  let studio: Studio | null = null;
  afterEach(() => studio?.close());

  const call = async <T>(studio: Studio, method: string, argument?: unknown) => {
    const envelope = await studio.dispatch(method, argument === undefined ? [] : [argument]);
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.value as T;
  };

  it('forces a backend, remembers it in the settings, and a new studio starts with it', async () => {
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { settingsFile });
    expect((await call<{ backends: BackendReport }>(studio, 'system.doctor')).backends.active).toBe('wasm');
    expect((await call<BackendReport>(studio, 'system.setBackend', { backend: 'cpu' })).active).toBe('cpu');
    expect(await call<SystemInfo>(studio, 'system.info')).toMatchObject({ backend: 'cpu', forcedBackend: 'cpu' });
    expect(loadSettings(settingsFile).backend).toBe('cpu');
    studio.close();

    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { settingsFile });
    expect((await call<{ backends: BackendReport }>(studio, 'system.doctor')).backends.active).toBe('cpu');
    // --backend overrides the remembered choice for one process.
    studio.close();
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), { settingsFile, backend: 'wasm' });
    expect((await call<{ backends: BackendReport }>(studio, 'system.doctor')).backends.active).toBe('wasm');
    expect((await call<BackendReport>(studio, 'system.setBackend', { backend: null })).active).toBe('wasm');
    expect(JSON.parse(readFileSync(settingsFile, 'utf8'))).toEqual({ backend: null });
  });

  it('refuses a backend that does not load, saying why', async () => {
    studio = createStudio('cli', forkEngine(appPaths().engineEntry), {});
    await expect(call(studio, 'system.setBackend', { backend: 'tensorflow-gpu' })).rejects.toThrow(/tensorflow-gpu backend was asked for, but it did not load/);
  });

  it('falls back to the defaults when the settings file is damaged', () => {
    writeFileSync(settingsFile, '{ not json');
    expect(loadSettings(settingsFile)).toEqual({ backend: null });
    writeFileSync(settingsFile, JSON.stringify({ backend: 'quantum' }));
    expect(loadSettings(settingsFile)).toEqual({ backend: null });
  });
});
