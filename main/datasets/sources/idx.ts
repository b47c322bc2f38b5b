/**
 * Reads the IDX files of the MNIST family (MNIST, Fashion-MNIST, EMNIST,
 * KMNIST): a big-endian header, then raw pixels or labels, usually
 * gzip-compressed. Images stay in the one decompressed buffer and are handed
 * out as views, so 60,000 of them cost no more than the file itself.
 * Labels are numbers; a `classes.txt` beside the files (one name per line,
 * label 0 first) names them, as the datasets' own documentation does.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { ImportProblemKind } from '../../../preload/contract';
import { FileError, formatSize, mebibyte, openUserFile, readUserFile } from '../../files/user-file';

export interface IdxDataset {
  readonly count: number;
  readonly width: number;
  readonly height: number;
  /** Greyscale, one byte per pixel, row by row: a view into the file's buffer, not a copy. */
  image(index: number): Uint8Array;
  /** The class index, or null when the dataset came without a labels file. */
  label(index: number): number | null;
  /** The class's name from classes.txt, else its index as text; null without a labels file. */
  className(index: number): string | null;
}

/** `train-images-idx3-ubyte.gz` as distributed, or `train-images.idx3-ubyte` as some unpackers rename it. */
const imagesFileName = /^(?<stem>.*)-images(?<separator>[-.])idx3-ubyte(?<compressed>\.gz)?$/;
const labelsFileName = /-labels[-.]idx1-ubyte(\.gz)?$/i;
const classNamesFileName = 'classes.txt';
const gzipMagic = [0x1f, 0x8b] as const;
const unsignedByteType = 0x08;
const imageDimensions = 3;
const labelDimensions = 1;
/** EMNIST, the largest of the family, inflates to about 550 MB: anything far past it is not one of these files. */
const maxInflatedBytes = 2 * 1024 * mebibyte;
/** A name for each of at most 256 byte-sized labels: a few KB. */
const maxClassNamesBytes = mebibyte;
/** Far beyond any IDX image set; catches a header that is really something else. */
const maxSide = 16_384;

export function isIdxImagesFile(path: string): boolean {
  return imagesFileName.test(basename(path));
}

/** A labels file is read with its images file, never imported as an image of its own. */
export function isIdxLabelsFile(path: string): boolean {
  return labelsFileName.test(basename(path));
}

/** The labels file beside an images file, compressed like it or not, if it is there. */
export function labelsFileFor(imagesPath: string): string | null {
  const groups = imagesFileName.exec(basename(imagesPath))?.groups;
  if (!groups) return null;
  const labelsName = `${groups['stem']}-labels${groups['separator']}idx1-ubyte`;
  const suffixes = groups['compressed'] ? ['.gz', ''] : ['', '.gz'];
  return suffixes.map((suffix) => join(dirname(imagesPath), labelsName + suffix)).find((path) => existsSync(path)) ?? null;
}

/** classes.txt beside a labels file: read with the labels, never imported (or reported) as an image. */
export function isIdxClassNamesFile(path: string): boolean {
  return basename(path) === classNamesFileName && readdirSync(dirname(path)).some((name) => labelsFileName.test(name));
}

/** The class names beside a labels file, if they are there. */
export function classNamesFileFor(labelsPath: string): string | null {
  const path = join(dirname(labelsPath), classNamesFileName);
  return existsSync(path) ? path : null;
}

export async function readIdxDataset(imagesPath: string, labelsPath: string | null, classNamesPath: string | null = null): Promise<IdxDataset> {
  const { sizes, bytes: images } = await readIdxFile(imagesPath, {
    dimensions: imageDimensions,
    expectation: 'an IDX images file, which has 3 (count, rows, columns)',
    describe: (sizes) => {
      const [count, height, width] = sizes as [number, number, number];
      if (count === 0) throw invalid(imagesPath, 'holds no images', 'empty');
      if (height === 0 || width === 0 || height > maxSide || width > maxSide) throw invalid(imagesPath, `describes ${width}×${height} images, which cannot be right`);
      return `${count} images of ${width}×${height}`;
    },
  });
  const [count, height, width] = sizes as [number, number, number];
  const imagesHeader = headerLength(imageDimensions);

  let labels: Buffer | null = null;
  if (labelsPath !== null) {
    labels = (
      await readIdxFile(labelsPath, {
        dimensions: labelDimensions,
        expectation: 'an IDX labels file, which has 1 (count)',
        describe: ([labelCount]) => {
          if (labelCount !== count) throw invalid(labelsPath, `has ${labelCount} labels but ${basename(imagesPath)} has ${count} images`);
          return `${count} labels`;
        },
      })
    ).bytes;
  }
  const labelsHeader = headerLength(labelDimensions);
  const pixelsPerImage = width * height;
  const names = labels && classNamesPath !== null ? await readClassNames(classNamesPath, labels.subarray(labelsHeader), labelsPath!) : null;
  const label = (index: number) => {
    checkIndex(index, count);
    return labels ? labels[labelsHeader + index]! : null;
  };

  return {
    count,
    width,
    height,
    image(index) {
      checkIndex(index, count);
      const start = images.byteOffset + imagesHeader + index * pixelsPerImage;
      return new Uint8Array(images.buffer, start, pixelsPerImage);
    },
    label,
    className(index) {
      const value = label(index);
      return value === null ? null : (names?.[value] ?? String(value));
    },
  };
}

/** One name a line, label 0 first: every label the file uses must have one, and no two the same. */
async function readClassNames(path: string, labels: Uint8Array, labelsPath: string): Promise<string[]> {
  const text = (await readUserFile(path, maxClassNamesBytes)).toString('utf8');
  const names = text.replace(/\s+$/, '').split(/\r?\n/).map((line) => line.trim());
  names.forEach((name, line) => {
    if (name === '') throw invalid(path, `has an empty line ${line + 1}: each line names one class, label 0 first`);
    if (names.indexOf(name) !== line) throw invalid(path, `names two classes “${name}” (lines ${names.indexOf(name) + 1} and ${line + 1})`);
  });
  const highest = labels.reduce((most, value) => Math.max(most, value), 0);
  if (highest >= names.length) throw invalid(path, `names ${names.length} classes, but ${basename(labelsPath)} uses label ${highest}`);
  return names;
}

/** What one kind of IDX file must look like, checked from its header before any of its data is read. */
interface IdxShape {
  readonly dimensions: number;
  /** What the file should be, for the error when it has another number of dimensions. */
  readonly expectation: string;
  /** Throws when the sizes cannot be right; else says what they describe, for the length check. */
  describe(sizes: readonly number[]): string;
}

interface IdxFile {
  readonly sizes: readonly number[];
  /** The whole file, header included, decompressed. */
  readonly bytes: Buffer;
}

/**
 * Reads the header first and then exactly the data it describes, so a file
 * that says it is short is never read in full and one that runs on (a gzip
 * bomb behind a plausible header) is stopped at the first byte too many.
 * Compression is read from the bytes, not the name: renamed and half-unpacked
 * files are common.
 */
async function readIdxFile(path: string, shape: IdxShape): Promise<IdxFile> {
  const { handle, size } = await openUserFile(path, maxInflatedBytes);
  const magic = Buffer.alloc(gzipMagic.length);
  await handle.read(magic, 0, magic.length, 0);
  const gzipped = magic.equals(Buffer.from(gzipMagic));
  const raw = handle.createReadStream({ start: 0, autoClose: false });
  // Errors reach the reader through the last stream; the callback has nothing left to do.
  const source: Readable = gzipped ? pipeline(raw, createGunzip(), () => {}) : raw;
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const next = async (): Promise<Buffer | null> => {
      try {
        const result = await chunks.next();
        return result.done ? null : result.value;
      } catch (error) {
        if (gzipped && String((error as NodeJS.ErrnoException).code).startsWith('Z_')) throw invalid(path, `is a damaged gzip file (${(error as Error).message})`);
        throw new FileError('INVALID_ARGUMENT', path, `could not be read: ${(error as Error).message}`, 'unreadable');
      }
    };
    const { sizes, described, expected, start } = await readHeader(path, shape, next);
    if (!gzipped) checkLength(path, expected, size, described);
    // Not Buffer.concat of the chunks: that would hold the data twice at the end.
    const bytes = Buffer.allocUnsafe(expected);
    let length = 0;
    for (let chunk: Buffer | null = start; chunk !== null; chunk = await next()) {
      if (length + chunk.length > expected) throw invalid(path, `holds more than the ${described} (${expected} bytes) its header describes${gzipped ? ' once inflated' : ''}; it was not read further`);
      chunk.copy(bytes, length);
      length += chunk.length;
    }
    checkLength(path, expected, length, described);
    return { sizes, bytes };
  } finally {
    await chunks.return?.();
    await handle.close();
  }
}

/**
 * Checks the magic number (two zero bytes, the element type, the number of
 * dimensions) and the sizes; gives back the bytes read so far, header first.
 */
async function readHeader(path: string, shape: IdxShape, next: () => Promise<Buffer | null>): Promise<{ sizes: number[]; described: string; expected: number; start: Buffer }> {
  let bytes = Buffer.alloc(0);
  const fill = async (length: number): Promise<boolean> => {
    while (bytes.length < length) {
      const chunk = await next();
      if (chunk === null) return false;
      bytes = Buffer.concat([bytes, chunk]);
    }
    return true;
  };
  if (!(await fill(4)) || bytes[0] !== 0 || bytes[1] !== 0) throw invalid(path, 'is not an IDX file (it does not start with an IDX magic number)');
  const type = bytes[2]!;
  const dimensions = bytes[3]!;
  if (type !== unsignedByteType) throw invalid(path, `holds IDX elements of type 0x${type.toString(16).padStart(2, '0')}; only unsigned bytes (0x08) can be read`, 'unsupported');
  if (dimensions !== shape.dimensions) {
    throw invalid(path, `has ${dimensions} dimension${dimensions === 1 ? '' : 's'}, but ${shape.expectation}${swapHint(dimensions)}`);
  }
  if (!(await fill(headerLength(dimensions)))) throw invalid(path, 'ends inside its IDX header', 'truncated');
  const sizes = Array.from({ length: dimensions }, (_, axis) => bytes.readUInt32BE(4 + 4 * axis));
  const described = shape.describe(sizes);
  const expected = headerLength(dimensions) + sizes.reduce((product, size) => product * size, 1);
  if (expected > maxInflatedBytes) {
    throw new FileError('PAYLOAD_TOO_LARGE', path, `describes ${described} (${formatSize(expected)}), more than the ${formatSize(maxInflatedBytes)} an IDX dataset file can hold; it was not read`, 'too-large');
  }
  return { sizes, described, expected, start: bytes };
}

function swapHint(dimensions: number): string {
  if (dimensions === labelDimensions) return ' (it looks like a labels file; were images and labels swapped?)';
  if (dimensions === imageDimensions) return ' (it looks like an images file; were images and labels swapped?)';
  return '';
}

function checkLength(path: string, expected: number, length: number, described: string): void {
  if (length < expected) throw invalid(path, `is truncated: its header describes ${described} (${expected} bytes) but it holds ${length} bytes`, 'truncated');
  if (length > expected) throw invalid(path, `has ${length - expected} bytes more than the ${described} its header describes`);
}

function headerLength(dimensions: number): number {
  return 4 + 4 * dimensions;
}

function checkIndex(index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`no item ${index} in an IDX dataset of ${count}`);
}

/** A file that is not the IDX file it claims to be; an import lists it as a problem of `problem`'s kind. */
function invalid(path: string, detail: string, problem: ImportProblemKind = 'corrupt'): FileError {
  return new FileError('INVALID_ARGUMENT', path, detail, problem);
}
