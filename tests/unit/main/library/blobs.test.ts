import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../../main/library/blobs';
import { openLibrary, type Library } from '../../../../main/library/library';
import { createProjectFolder } from '../../../../main/library/project';
import { insertOutput, trashOutputs } from '../../../../main/library/repos/outputs';

const png = (colour: string, width = 600, height = 400) =>
  sharp({ create: { width, height, channels: 3, background: colour } }).png().toBuffer();

describe('blob store', () => {
  let library: Library;
  beforeEach(() => {
    library = openLibrary(createProjectFolder(join(mkdtempSync(join(tmpdir(), 'studio-blobs-')), 'P')).root);
  });
  afterEach(() => library.close());

  it('stores bytes under their SHA-256 once, leaving no temporary files', async () => {
    const bytes = await png('#ff0000');
    const hash = library.blobs.write(bytes);
    expect(hash).toBe(BlobStore.hashOf(bytes));
    expect(library.blobs.write(bytes)).toBe(hash);
    const path = library.blobs.pathOf(hash);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(readdirSync(join(library.folders.blobs, hash.slice(0, 2)))).toEqual([hash]);
  });

  it('refuses ids that are not hashes, so a path can never be smuggled in', () => {
    expect(() => library.blobs.pathOf('../../etc/passwd')).toThrow('not a SHA-256 blob id');
  });

  it('makes a 256 px WebP thumbnail once and serves it from the cache after', async () => {
    const hash = library.blobs.write(await png('#00ff00'));
    const [first, second] = await Promise.all([library.blobs.thumbnail(hash), library.blobs.thumbnail(hash)]);
    expect(first).toBe(second);
    const meta = await sharp(first).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 171]);
  });

  it('collects only blobs nothing refers to, keeping those of trashed outputs', async () => {
    const db = library.db;
    const kept = library.blobs.write(await png('#0000ff'));
    const trashed = library.blobs.write(await png('#ffff00'));
    const orphan = library.blobs.write(await png('#00ffff'));
    db.transaction(() => {
      for (const hash of [kept, trashed, orphan]) BlobStore.record(db, hash, 1, { mediaType: 'image/png', width: 600, height: 400 });
      insertOutput(db, { blobHash: kept, kind: 'sample', provenance: { seed: 1 } });
      trashOutputs(db, [insertOutput(db, { blobHash: trashed, kind: 'sample', provenance: { seed: 2 } })]);
    })();
    await library.blobs.thumbnail(orphan);
    const result = library.blobs.collectGarbage(db);
    expect(result.removed).toBe(1);
    expect(result.bytesFreed).toBeGreaterThan(0);
    expect([kept, trashed, orphan].map((hash) => existsSync(library.blobs.pathOf(hash)))).toEqual([true, true, false]);
    expect(db.prepare('SELECT count(*) FROM blobs WHERE hash = ?').pluck().get(orphan)).toBe(0);
  });
});
