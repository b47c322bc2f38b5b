/**
 * Reads the IDX files of the MNIST family (MNIST, Fashion-MNIST, EMNIST,
 * KMNIST): a big-endian header, then raw pixels or labels, usually
 * gzip-compressed. Images stay in the one decompressed buffer and are handed
 * out as views, so 60,000 of them cost no more than the file itself.
 * Labels are numbers; a `classes.txt` beside the files (one name per line,
 * label 0 first) names them, as the datasets' own documentation does.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { StudioError } from '../../../preload/contract';

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
const maxInflatedBytes = 2 * 1024 ** 3;
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
  const images = await readIdxFile(imagesPath);
  checkHeader(images, imagesPath, imageDimensions, 'an IDX images file, which has 3 (count, rows, columns)');
  const [count, height, width] = [sizeOf(images, 0), sizeOf(images, 1), sizeOf(images, 2)];
  if (count === 0) throw invalid(imagesPath, 'holds no images');
  if (height === 0 || width === 0 || height > maxSide || width > maxSide) throw invalid(imagesPath, `describes ${width}×${height} images, which cannot be right`);
  const imagesHeader = headerLength(imageDimensions);
  checkLength(images, imagesPath, imagesHeader + count * width * height, `${count} images of ${width}×${height}`);

  let labels: Buffer | null = null;
  if (labelsPath !== null) {
    labels = await readIdxFile(labelsPath);
    checkHeader(labels, labelsPath, labelDimensions, 'an IDX labels file, which has 1 (count)');
    const labelCount = sizeOf(labels, 0);
    if (labelCount !== count) throw invalid(labelsPath, `has ${labelCount} labels but ${basename(imagesPath)} has ${count} images`);
    checkLength(labels, labelsPath, headerLength(labelDimensions) + count, `${count} labels`);
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
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new StudioError('INVALID_ARGUMENT', `${path} could not be read: ${(error as Error).message}`);
  }
  const names = text.replace(/\s+$/, '').split(/\r?\n/).map((line) => line.trim());
  names.forEach((name, line) => {
    if (name === '') throw invalid(path, `has an empty line ${line + 1}: each line names one class, label 0 first`);
    if (names.indexOf(name) !== line) throw invalid(path, `names two classes “${name}” (lines ${names.indexOf(name) + 1} and ${line + 1})`);
  });
  const highest = labels.reduce((most, value) => Math.max(most, value), 0);
  if (highest >= names.length) throw invalid(path, `names ${names.length} classes, but ${basename(labelsPath)} uses label ${highest}`);
  return names;
}

/** Compression is read from the bytes, not the name: renamed and half-unpacked files are common. */
async function readIdxFile(path: string): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') throw new StudioError('NOT_FOUND', `No file at ${path}`);
    throw new StudioError('INVALID_ARGUMENT', `${path} could not be read: ${message}`);
  }
  if (bytes[0] !== gzipMagic[0] || bytes[1] !== gzipMagic[1]) return bytes;
  try {
    return await promisify(gunzip)(bytes, { maxOutputLength: maxInflatedBytes });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw invalid(path, 'inflates to more than 2 GiB; it is not an IDX dataset file');
    throw invalid(path, `is a damaged gzip file (${(error as Error).message})`);
  }
}

/** Checks the magic number: two zero bytes, the element type, the number of dimensions. */
function checkHeader(bytes: Buffer, path: string, expectedDimensions: number, expectation: string): void {
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0) throw invalid(path, 'is not an IDX file (it does not start with an IDX magic number)');
  const type = bytes[2]!;
  const dimensions = bytes[3]!;
  if (type !== unsignedByteType) throw invalid(path, `holds IDX elements of type 0x${type.toString(16).padStart(2, '0')}; only unsigned bytes (0x08) can be read`);
  if (dimensions !== expectedDimensions) {
    throw invalid(path, `has ${dimensions} dimension${dimensions === 1 ? '' : 's'}, but ${expectation}${swapHint(dimensions)}`);
  }
  if (bytes.length < headerLength(dimensions)) throw invalid(path, 'ends inside its IDX header');
}

/** The header's size along one axis, after the magic number. */
function sizeOf(bytes: Buffer, axis: number): number {
  return bytes.readUInt32BE(4 + 4 * axis);
}

function swapHint(dimensions: number): string {
  if (dimensions === labelDimensions) return ' (it looks like a labels file; were images and labels swapped?)';
  if (dimensions === imageDimensions) return ' (it looks like an images file; were images and labels swapped?)';
  return '';
}

function checkLength(bytes: Buffer, path: string, expected: number, described: string): void {
  if (bytes.length < expected) throw invalid(path, `is truncated: its header describes ${described} (${expected} bytes) but it holds ${bytes.length} bytes`);
  if (bytes.length > expected) throw invalid(path, `has ${bytes.length - expected} bytes more than the ${described} its header describes`);
}

function headerLength(dimensions: number): number {
  return 4 + 4 * dimensions;
}

function checkIndex(index: number, count: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`no item ${index} in an IDX dataset of ${count}`);
}

function invalid(path: string, detail: string): StudioError {
  return new StudioError('INVALID_ARGUMENT', `${path} ${detail}`);
}
