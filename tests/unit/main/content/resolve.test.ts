import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { sniffMediaType } from '../../../../main/content/mime';
import { resolveContent, type ContentRoots } from '../../../../main/content/resolve';
import { BlobStore } from '../../../../main/library/blobs';

describe('content resolution', () => {
  let roots: ContentRoots;
  let hash: string;

  beforeAll(async () => {
    const base = mkdtempSync(join(tmpdir(), 'studio-content-'));
    const rendererDir = join(base, 'renderer');
    const assetsDir = join(base, 'assets');
    mkdirSync(join(rendererDir, 'build'), { recursive: true });
    mkdirSync(assetsDir);
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
    writeFileSync(join(rendererDir, 'build', 'app.js'), '');
    writeFileSync(join(assetsDir, 'icon.svg'), '<svg/>');
    writeFileSync(join(base, 'secret.txt'), 'secret');
    const blobs = new BlobStore(join(base, 'project', 'blobs'), join(base, 'project', 'cache'));
    hash = blobs.write(await sharp({ create: { width: 300, height: 300, channels: 3, background: '#123456' } }).png().toBuffer());
    roots = { rendererDir, assetsDir, blobs: () => blobs };
  });

  it('serves the page and its build files with their types', async () => {
    expect(await resolveContent(roots, '/')).toMatchObject({ found: true, contentType: 'text/html; charset=utf-8' });
    expect(await resolveContent(roots, '/build/app.js')).toMatchObject({ found: true, contentType: 'text/javascript; charset=utf-8' });
  });

  it('serves shipped images, project blobs (sniffing their type) and thumbnails', async () => {
    expect(await resolveContent(roots, '/asset/app/icon.svg')).toMatchObject({ found: true, contentType: 'image/svg+xml' });
    expect(await resolveContent(roots, `/asset/blob/${hash}`)).toMatchObject({ found: true, contentType: 'image/png' });
    const thumb = await resolveContent(roots, `/asset/thumb/${hash}`);
    expect(thumb).toMatchObject({ found: true, contentType: 'image/webp' });
    expect(thumb.found && (await sharp(thumb.path).metadata()).width).toBe(256);
  });

  it("tells an animation's video or ZIP of frames from an image by its bytes", () => {
    const mp4 = Buffer.from('\0\0\0\x20ftypisom\0\0\x02\0', 'latin1');
    const zip = Buffer.from('PK\x03\x04\x14\0\0\0', 'latin1');
    expect([sniffMediaType(mp4), sniffMediaType(zip), sniffMediaType(Buffer.from('\0\0\0\x1cftypavif', 'latin1'))]).toEqual(['video/mp4', 'application/zip', 'image/avif']);
    expect(sniffMediaType(Buffer.from('plain text here'))).toBe('application/octet-stream');
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/build/..%2f..%2fsecret.txt',
    '/asset/app/..%2f..%2fsecret.txt',
    '/asset/app/secret.txt',
    '/asset/blob/ABC',
    '/asset/blob/../../secret.txt',
    '/asset/thumb/../../secret.txt',
    `/asset/thumb/${'0'.repeat(64)}`,
    '/asset/other/icon.svg',
    '/index.html%00.png',
    '/%E0%A4%A',
    '/missing.js',
  ])('finds nothing for %s', async (path) => {
    expect((await resolveContent(roots, path)).found).toBe(false);
  });

  it('serves no blobs when no project is open', async () => {
    expect(await resolveContent({ ...roots, blobs: () => null }, `/asset/blob/${hash}`)).toEqual({ found: false, reason: 'no project is open' });
  });
});
