/**
 * Maps a request path to a file, for both the Electron protocol handler and
 * the serve-mode HTTP server, so the renderer uses the same relative URLs in
 * both: `/index.html`, `/build/...` (the build), `/asset/app/<file>`
 * (shipped images), `/asset/blob/<sha256>` (project images) and
 * `/asset/thumb/<sha256>` (their thumbnails, made on first request).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { BlobStore } from '../library/blobs';
import { contentTypeOf, sniffMediaType } from './mime';

export interface ContentRoots {
  readonly rendererDir: string;
  readonly assetsDir: string;
  /** The open project's blob store, or null when none is open. */
  readonly blobs: () => BlobStore | null;
}

export type Resolved =
  | { readonly found: true; readonly path: string; readonly contentType: string }
  | { readonly found: false; readonly reason: string };

const appAssetName = /^[a-z0-9][a-z0-9_-]*\.(png|svg|webp|jpg)$/;
const sha256Hex = /^[0-9a-f]{64}$/;

export async function resolveContent(roots: ContentRoots, pathname: string): Promise<Resolved> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return notFound(`malformed path ${pathname}`);
  }
  if (decoded.includes('\0')) return notFound('path contains NUL');
  const [, first, kind, name, ...rest] = decoded.split('/');
  if (first === 'asset') {
    if (rest.length > 0 || !name) return notFound(`no asset at ${decoded}`);
    if (kind === 'app') return appAsset(roots.assetsDir, name);
    if (kind === 'blob') return blob(roots.blobs(), name);
    if (kind === 'thumb') return thumbnail(roots.blobs(), name);
    return notFound(`no asset kind "${kind}"`);
  }
  return buildFile(roots.rendererDir, decoded === '/' ? '/index.html' : decoded);
}

function appAsset(assetsDir: string, name: string): Resolved {
  if (!appAssetName.test(name)) return notFound(`no app asset "${name}"`);
  return existingFile(join(assetsDir, name), contentTypeOf(name));
}

function blob(blobs: BlobStore | null, hash: string): Resolved {
  if (!blobs) return notFound('no project is open');
  if (!sha256Hex.test(hash)) return notFound(`"${hash}" is not a SHA-256 blob id`);
  const path = blobs.pathOf(hash);
  const file = existingFile(path, 'application/octet-stream');
  return file.found ? { ...file, contentType: sniffMediaType(readHead(path)) } : file;
}

async function thumbnail(blobs: BlobStore | null, hash: string): Promise<Resolved> {
  if (!blobs) return notFound('no project is open');
  if (!sha256Hex.test(hash) || !blobs.has(hash)) return notFound(`no blob ${hash}`);
  try {
    return existingFile(await blobs.thumbnail(hash), 'image/webp');
  } catch (error) {
    return notFound(`the thumbnail of ${hash} could not be made: ${(error as Error).message}`);
  }
}

/** Only files inside the renderer build; `..` and absolute tricks resolve to nothing. */
function buildFile(rendererDir: string, path: string): Resolved {
  const target = normalize(join(rendererDir, path));
  if (!target.startsWith(rendererDir + sep)) return notFound(`${path} is outside the app`);
  return existingFile(target, contentTypeOf(target));
}

function existingFile(path: string, contentType: string): Resolved {
  try {
    if (statSync(path).isFile()) return { found: true, path, contentType };
  } catch {
    // Missing or unreadable: both are a 404 to the client.
  }
  return notFound(`no file for ${path}`);
}

function readHead(path: string): Uint8Array {
  const head = new Uint8Array(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  return head;
}

function notFound(reason: string): Resolved {
  return { found: false, reason };
}
