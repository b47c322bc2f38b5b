import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSettings, saveSettings } from '../../../../main/system/settings';

describe('app settings', () => {
  const file = () => join(mkdtempSync(join(tmpdir(), 'studio-settings-')), 'settings.json');

  it('reads the folders serve may use, keeping only absolute ones', () => {
    const settings = file();
    writeFileSync(settings, JSON.stringify({ backend: 'cpu', allowDirs: ['/srv/photos', 'relative/folder', 42] }));
    expect(loadSettings(settings)).toEqual({ backend: 'cpu', allowDirs: ['/srv/photos'] });
  });

  it('keeps the folders when another choice is saved', () => {
    const settings = file();
    writeFileSync(settings, JSON.stringify({ backend: null, allowDirs: ['/srv/photos'] }));
    saveSettings(settings, { backend: 'wasm' });
    expect(JSON.parse(readFileSync(settings, 'utf8'))).toEqual({ backend: 'wasm', allowDirs: ['/srv/photos'] });
  });
});
