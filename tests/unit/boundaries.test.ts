import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

const importsElectron = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]electron(?:\/[^'"]*)?['"]/;

describe('process boundaries', () => {
  it('only main/shell imports electron in the main process, so the rest runs headless', () => {
    const offenders = sourceFiles(join(root, 'main'))
      .filter((file) => !relative(root, file).startsWith(join('main', 'shell')))
      .filter((file) => importsElectron.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('the renderer never imports electron or Node built-ins', () => {
    const offenders = sourceFiles(join(root, 'renderer', 'src'))
      .filter((file) => importsElectron.test(readFileSync(file, 'utf8')) || /from\s+['"]node:/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(offenders).toEqual([]);
  });

  it('the check itself recognises the ways electron can be imported', () => {
    for (const line of ["import { app } from 'electron';", 'const { ipcMain } = require("electron")', "await import('electron')", "import x from 'electron/main'"]) {
      expect(importsElectron.test(line)).toBe(true);
    }
    expect(importsElectron.test("import { x } from './electron-free';")).toBe(false);
  });
});
