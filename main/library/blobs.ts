/**
 * The content-addressed store for every image a project keeps: blobs/ab/<sha256>.
 * Blobs are written once, never modified, and shared by every row that names
 * them. Thumbnails are derived on demand into cache/thumbs and can be deleted
 * at any time.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import sharp from 'sharp';
import { writeFileAtomically } from './atomic-write';

export const thumbnailSize = 256;
const sha256Hex = /^[0-9a-f]{64}$/;

export interface BlobFacts {
  readonly mediaType: string;
  readonly width: number;
  readonly height: number;
}

export class BlobStore {
  readonly #root: string;
  readonly #thumbs: string;
  readonly #thumbsInFlight = new Map<string, Promise<string>>();

  constructor(blobsDir: string, cacheDir: string) {
    this.#root = blobsDir;
    this.#thumbs = join(cacheDir, 'thumbs');
  }

  static hashOf(bytes: Uint8Array): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(hash: string): string {
    if (!sha256Hex.test(hash)) throw new Error(`"${hash}" is not a SHA-256 blob id`);
    return join(this.#root, hash.slice(0, 2), hash);
  }

  has(hash: string): boolean {
    return existsSync(this.pathOf(hash));
  }

  /**
   * Stores the bytes (if not already there) and returns their hash. The file
   * is on disk before any row can name it; a crash in between leaves only an
   * unreferenced blob, which garbage collection removes.
   */
  write(bytes: Uint8Array): string {
    const hash = BlobStore.hashOf(bytes);
    const path = this.pathOf(hash);
    if (!existsSync(path)) {
      mkdirSync(join(this.#root, hash.slice(0, 2)), { recursive: true });
      writeFileAtomically(path, bytes);
    }
    return hash;
  }

  /** Records a stored blob in the library; call inside the transaction that references it. */
  static record(db: Database, hash: string, size: number, facts: BlobFacts, now = Date.now()): void {
    db.prepare(
      'INSERT OR IGNORE INTO blobs (hash, size, media_type, width, height, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(hash, size, facts.mediaType, facts.width, facts.height, now);
  }

  /** A WebP thumbnail (longest side 256 px), made the first time it is asked for. */
  thumbnail(hash: string): Promise<string> {
    const target = join(this.#thumbs, hash.slice(0, 2), `${hash}.webp`);
    if (existsSync(target)) return Promise.resolve(target);
    const known = this.#thumbsInFlight.get(hash);
    if (known) return known;
    const made = (async () => {
      const bytes = await sharp(this.pathOf(hash), { limitInputPixels: false })
        .rotate()
        .resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer();
      mkdirSync(join(this.#thumbs, hash.slice(0, 2)), { recursive: true });
      writeFileAtomically(target, bytes);
      return target;
    })().finally(() => this.#thumbsInFlight.delete(hash));
    this.#thumbsInFlight.set(hash, made);
    return made;
  }

  /** Deletes a blob's file and its thumbnail: only once the transaction that deleted its row, which no row then named, has committed. */
  remove(hash: string): void {
    rmSync(this.pathOf(hash), { force: true });
    rmSync(join(this.#thumbs, hash.slice(0, 2), `${hash}.webp`), { force: true });
  }

  /**
   * Deletes blobs no dataset item or output (trashed ones included) refers to,
   * and their rows. Only on explicit request: a blob written by an import
   * still in flight would look unreferenced.
   */
  collectGarbage(db: Database): { removed: number; bytesFreed: number } {
    const referenced = db.prepare(
      `SELECT hash FROM blobs WHERE hash IN (SELECT blob_hash FROM dataset_items) OR hash IN (SELECT blob_hash FROM outputs)`,
    );
    const keep = new Set((referenced.pluck().all() as string[]));
    let removed = 0;
    let bytesFreed = 0;
    const deleteRow = db.prepare('DELETE FROM blobs WHERE hash = ?');
    for (const prefix of existsSync(this.#root) ? readdirSync(this.#root) : []) {
      for (const name of readdirSync(join(this.#root, prefix))) {
        if (keep.has(name)) continue;
        const path = join(this.#root, prefix, name);
        bytesFreed += statSync(path).size;
        rmSync(path, { force: true });
        rmSync(join(this.#thumbs, prefix, `${name}.webp`), { force: true });
        if (sha256Hex.test(name)) deleteRow.run(name);
        removed++;
      }
    }
    return { removed, bytesFreed };
  }
}
