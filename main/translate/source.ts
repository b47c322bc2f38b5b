/**
 * The image a translation starts from, whatever it came as: a file, an
 * image already in the gallery, or a drawing sent as PNG. Decoded once,
 * upright. A named file must be a regular file (never a device or a pipe)
 * of at most 256 MB, and an image larger than 80 megapixels is refused
 * before its pixels are.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { StudioError, type TranslateSource } from '../../preload/contract';
import { normaliseImage, type NormalisedImage } from '../datasets/decode';
import { isImportProblem } from '../datasets/problems';
import { maxImageFileBytes, readUserFile } from '../files/user-file';
import type { Library } from '../library/library';
import { findOutput } from '../library/repos/outputs';

const maxSourcePixels = 80_000_000;

export interface LoadedSource {
  /** How messages and provenance name it: the file's path, "output 17", "the drawing". */
  readonly name: string;
  readonly image: NormalisedImage;
  /** The gallery output it already is, and its image; null for a file or a drawing, stored on first use. */
  readonly outputId: number | null;
  readonly blobHash: string | null;
  /** What it is stored as when it is new. */
  readonly kind: 'upload' | 'sketch';
  readonly path: string | null;
}

export async function loadSource(library: Library, source: TranslateSource, field = 'source'): Promise<LoadedSource> {
  if ('path' in source) {
    const name = nameOfFile(library, source.path);
    const bytes = await readUserFile(source.path, maxImageFileBytes, field);
    return { name, image: await decoded(bytes, name, field), outputId: null, blobHash: null, kind: 'upload', path: source.path };
  }
  if ('outputId' in source) {
    const output = findOutput(library.db, source.outputId);
    if (!output) throw new StudioError('NOT_FOUND', `${field}: no output ${source.outputId} in this project`);
    const name = `output ${source.outputId}`;
    return { name, image: await decoded(await readFile(library.blobs.pathOf(output.blob_hash)), name, field), outputId: output.id, blobHash: output.blob_hash, kind: 'upload', path: null };
  }
  return { name: 'the drawing', image: await decoded(Buffer.from(source.png, 'base64'), 'the drawing', field), outputId: null, blobHash: null, kind: 'sketch', path: null };
}

/**
 * A file is named by its path, except one a browser uploaded: it lies in the
 * project's staging folder (cache/uploads/<batch>/…), a place that means
 * nothing to the person, so it goes by the path it was picked as.
 */
export function nameOfFile(library: Library, path: string): string {
  const staged = relative(join(library.folders.cache, 'uploads'), path);
  if (staged.startsWith('..') || isAbsolute(staged)) return path;
  return staged.split(sep).slice(1).join('/') || path;
}

/** A dataset's image (a batch over a dataset), under its item name. */
export async function loadStoredImage(library: Library, blobHash: string, name: string): Promise<LoadedSource> {
  return { name, image: await decoded(await readFile(library.blobs.pathOf(blobHash)), name, 'inputs'), outputId: null, blobHash: null, kind: 'upload', path: null };
}

async function decoded(bytes: Buffer, name: string, field: string): Promise<NormalisedImage> {
  const image = await normaliseImage(bytes, name, { maxPixels: maxSourcePixels });
  if (isImportProblem(image)) throw new StudioError('INVALID_ARGUMENT', `${field}: ${image.message}`);
  return image;
}
