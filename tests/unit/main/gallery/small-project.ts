/** A project on disk with a few real images stored as outputs, the way the tools store theirs: blob file first, then rows in one transaction. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { BlobStore } from '../../../../main/library/blobs';
import { openLibrary, type Library } from '../../../../main/library/library';
import { createProjectFolder } from '../../../../main/library/project';
import { insertOutput, type NewOutput } from '../../../../main/library/repos/outputs';

export interface SmallProject {
  readonly library: Library;
  /** Stores a 16×16 PNG of one colour as an output; the same colour twice is the same image. */
  store(colour: number, output?: Partial<NewOutput>, createdAt?: number): Promise<number>;
  /** Stores these image bytes as an output. */
  storeImage(bytes: Buffer, facts: { mediaType: string; width: number; height: number }, output?: Partial<NewOutput>, createdAt?: number): number;
  close(): void;
}

export function smallProject(): SmallProject {
  const base = mkdtempSync(join(tmpdir(), 'studio-gallery-'));
  const library = openLibrary(createProjectFolder(join(base, 'project')).root);
  const storeImage: SmallProject['storeImage'] = (bytes, facts, output = {}, createdAt = Date.now()) => {
    const hash = library.blobs.write(bytes);
    return library.db.transaction(() => {
      BlobStore.record(library.db, hash, bytes.length, facts);
      return insertOutput(library.db, { blobHash: hash, kind: 'sample', provenance: { tool: 'sample' }, ...output }, createdAt);
    })();
  };
  return {
    library,
    store: async (colour, output = {}, createdAt = Date.now()) => {
      const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: colour, g: 255 - colour, b: 128 } } }).png().toBuffer();
      return storeImage(png, { mediaType: 'image/png', width: 16, height: 16 }, { provenance: { tool: 'sample', colour }, ...output }, createdAt);
    },
    storeImage,
    close: () => {
      library.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}
