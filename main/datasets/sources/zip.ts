/**
 * Reads the images out of a zip archive, entry by entry, without unpacking
 * it to disk. Classes come from folders as in a folder import; a zip made
 * from a folder (everything under one top folder) imports like that folder.
 *
 * A zip can declare small entries that inflate to gigabytes. Sizes are
 * checked against the central directory before anything is inflated, and
 * yauzl stops any stream that runs past its declared size, so no entry above
 * the limit is ever held in memory.
 */
import { closeSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { buffer } from 'node:stream/consumers';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { StudioError } from '../../../preload/contract';
import { FileError, openUserFileDescriptor } from '../../files/user-file';
import { importProblem, type ImportProblem } from '../problems';
import { isSkippedName } from './skipped-names';

export interface ZipEntry {
  /** The entry's path inside the zip. */
  readonly relativePath: string;
  readonly classLabel: string | null;
  readonly bytes: Buffer;
}

export interface ZipLimits {
  /** The most one entry may inflate to. */
  readonly maxEntryBytes: number;
  /** The most all entries together may inflate to; reading stops there. */
  readonly maxTotalBytes: number;
}

export async function* readZipImages(zipPath: string, limits: ZipLimits): AsyncGenerator<ZipEntry | ImportProblem> {
  const zipName = basename(zipPath);
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch (error) {
    if (error instanceof FileError && error.code === 'NOT_FOUND') throw new StudioError('NOT_FOUND', `No zip file at ${resolve(zipPath)}`);
    yield unreadableZip(zipName, error);
    return;
  }
  try {
    let files: Entry[];
    try {
      files = await listFiles(zip);
    } catch (error) {
      yield unreadableZip(zipName, error);
      return;
    }
    const wrapper = commonTopFolder(files.map((entry) => entry.fileName));
    let totalBytes = 0;
    for (const entry of files) {
      const source = `${zipName}/${entry.fileName}`;
      const refusal = refusalOf(entry, source, limits);
      if (refusal) {
        yield refusal;
        continue;
      }
      if (totalBytes + entry.uncompressedSize > limits.maxTotalBytes) {
        yield importProblem(zipName, 'too-large', `holds more than ${formatBytes(limits.maxTotalBytes)} of files; the import stopped before ${entry.fileName}.`);
        return;
      }
      totalBytes += entry.uncompressedSize;
      let bytes: Buffer;
      try {
        bytes = await buffer(await zip.openReadStreamPromise(entry));
      } catch (error) {
        yield extractionFailure(source, error);
        continue;
      }
      yield { relativePath: entry.fileName, classLabel: classLabelOf(entry.fileName, wrapper), bytes };
    }
  } finally {
    zip.close();
  }
}

/**
 * How many results readZipImages will give, for a progress total: one per
 * file, or the one problem of an unreadable zip. Reads only the central
 * directory; a zip past its total-size limit stops short of this.
 */
export async function countZipEntries(zipPath: string): Promise<number> {
  let zip: ZipFile;
  try {
    zip = await openZip(zipPath);
  } catch {
    return 1;
  }
  try {
    return (await listFiles(zip)).length;
  } catch {
    return 1;
  } finally {
    zip.close();
  }
}

/**
 * Opened as every named file is (a pipe or a device is refused, not waited
 * on), then handed to yauzl, which closes the descriptor when we close the
 * zip; its autoClose would close it once the listing ends, before any entry
 * is read. The zip's size is no concern: entries are read one at a time,
 * each within its limit.
 */
async function openZip(zipPath: string): Promise<ZipFile> {
  const { fd } = await openUserFileDescriptor(resolve(zipPath), Number.POSITIVE_INFINITY);
  try {
    return await yauzl.fromFdPromise(fd, { lazyEntries: true, autoClose: false });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The whole central directory first: the class rule needs every name before the first entry is labelled. */
async function listFiles(zip: ZipFile): Promise<Entry[]> {
  const files: Entry[] = [];
  for await (const entry of zip.eachEntry()) {
    const isFolder = entry.fileName.endsWith('/');
    if (!isFolder && !entry.fileName.split('/').some(isSkippedName)) files.push(entry);
  }
  return files;
}

function refusalOf(entry: Entry, source: string, limits: ZipLimits): ImportProblem | null {
  if (entry.isEncrypted()) return importProblem(source, 'unsupported', 'is encrypted; the studio cannot open password-protected zip entries.');
  if (!entry.canDecodeFileData()) {
    return importProblem(source, 'unsupported', `is compressed with a method the studio cannot read (zip method ${entry.compressionMethod}); re-create the zip with ordinary Deflate compression.`);
  }
  if (entry.uncompressedSize > limits.maxEntryBytes) {
    return importProblem(source, 'too-large', `is too large: it unpacks to ${formatBytes(entry.uncompressedSize)}, more than the ${formatBytes(limits.maxEntryBytes)} limit for one file.`);
  }
  return null;
}

/** The one folder every file sits under, when there is such a folder. */
function commonTopFolder(fileNames: readonly string[]): string | null {
  const tops = new Set(fileNames.map((name) => (name.includes('/') ? name.slice(0, name.indexOf('/')) : null)));
  return tops.size === 1 ? ([...tops][0] ?? null) : null;
}

function classLabelOf(fileName: string, wrapper: string | null): string | null {
  const folders = fileName.split('/').slice(wrapper === null ? 0 : 1, -1);
  return folders[0] ?? null;
}

function extractionFailure(source: string, error: unknown): ImportProblem {
  const { message } = error as Error;
  // yauzl's words when an entry inflates past the size the directory declared: a forged header or a damaged zip.
  if (message.startsWith('too many bytes in the stream')) {
    return importProblem(source, 'corrupt', 'unpacks to more data than the zip declares for it; the zip is damaged or was made to mislead, and the entry was not read.');
  }
  return importProblem(source, 'corrupt', `is damaged inside the zip and cannot be extracted (${withoutFullStop(message)}).`);
}

function unreadableZip(zipName: string, error: unknown): ImportProblem {
  if (error instanceof FileError) return importProblem(zipName, error.problem, `${error.detail}.`);
  const { code, message } = error as NodeJS.ErrnoException;
  if (code) return importProblem(zipName, 'unreadable', `could not be read: ${withoutFullStop(message)}.`);
  return importProblem(zipName, 'corrupt', `is not a readable zip archive (${withoutFullStop(message)}).`);
}

/** yauzl's messages sometimes end in a full stop; ours end the sentence. */
function withoutFullStop(message: string): string {
  return message.replace(/\.+$/, '');
}

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value < 10 ? Math.round(value * 10) / 10 : Math.round(value)} ${units[unit]}`;
}
