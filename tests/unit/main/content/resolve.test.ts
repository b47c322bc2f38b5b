import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveContent, type ContentRoots } from '../../../../main/content/resolve';

const pngBytes = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const hash = 'ab'.repeat(32);

describe('content resolution', () => {
  let roots: ContentRoots;

  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'studio-content-'));
    const rendererDir = join(base, 'renderer');
    const assetsDir = join(base, 'assets');
    const projectDir = join(base, 'project');
    mkdirSync(join(rendererDir, 'build'), { recursive: true });
    mkdirSync(assetsDir);
    mkdirSync(join(projectDir, 'blobs', 'ab'), { recursive: true });
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    writeFileSync(join(rendererDir, 'build', 'app.js'), '');
    writeFileSync(join(assetsDir, 'icon.svg'), '<svg/>');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    writeFileSync(join(projectDir, 'blobs', 'ab', hash), pngBytes);
    roots = { rendererDir, assetsDir, projectDir: () => projectDir };
  });

  it('serves the page and its build files with their types', () => {
    expect(resolveContent(roots, '/')).toMatchObject({ found: true, contentType: 'text/html; charset=utf-8' });
    expect(resolveContent(roots, '/build/app.js')).toMatchObject({ found: true, contentType: 'text/javascript; charset=utf-8' });
  });

  it('serves shipped images and project blobs, sniffing the blob type', () => {
    expect(resolveContent(roots, '/asset/app/icon.svg')).toMatchObject({ found: true, contentType: 'image/svg+xml' });
    expect(resolveContent(roots, `/asset/blob/${hash}`)).toMatchObject({ found: true, contentType: 'image/png' });
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/build/..%2f..%2fsecret.txt',
    '/asset/app/..%2f..%2fsecret.txt',
    '/asset/app/secret.txt',
    `/asset/blob/${hash.toUpperCase()}`,
    '/asset/blob/../../secret.txt',
    `/asset/blob/${hash}/x`,
    '/asset/other/icon.svg',
    '/index.html%00.png',
    '/%E0%A4%A',
    '/missing.js',
  ])('finds nothing for %s', (path) => {
    expect(resolveContent(roots, path).found).toBe(false);
  });

  it('serves no blobs when no project is open', () => {
    expect(resolveContent({ ...roots, projectDir: () => null }, `/asset/blob/${hash}`)).toEqual({ found: false, reason: 'no project is open' });
  });
});
