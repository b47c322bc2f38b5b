/**
 * Gets dropped and picked files to where the main process can import them.
 * Under Electron they are already on this disk: the preload tells us their
 * paths. In a browser (serve mode) they are uploaded, one POST per file, into
 * staging folders on the server, whose paths are then imported.
 */
import { StudioError, uploadRoute, type Envelope } from '../../../preload/contract';
import { serveAuthHeaders } from './serve-bridge';
import { foldersFromRelativePaths, pickedFolderPath, totalBytes, uploadBatches, uploadUrlPath, type Picked, type StagedFile, type UploadBatch } from './staging-plan';

export type PickedItem = Picked<File>;

export interface StagingProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface StagingOptions {
  /** A domain zone: everything picked must become exactly one import path. */
  readonly asOneFolder: boolean;
  readonly onProgress: (progress: StagingProgress) => void;
  readonly signal: AbortSignal;
}

export interface FileStaging {
  /** True under Electron: files are imported where they lie, nothing is uploaded. */
  readonly local: boolean;
  fromDrop(transfer: DataTransfer): Promise<PickedItem[]>;
  fromInput(files: FileList, folders: boolean): PickedItem[];
  /** The import paths for what was picked, uploading it first in serve mode. */
  toPaths(picked: readonly PickedItem[], options: StagingOptions): Promise<string[]>;
  /** One picked file's own path (not its staging folder's), uploading it first in serve mode. */
  toFilePath(picked: PickedItem, signal: AbortSignal): Promise<string>;
}

/** Uploads run a few at a time: enough to hide each request's latency without flooding the server. */
const uploadsInFlight = 4;

export function createFileStaging(page: Window, localPathOf: ((file: File) => string) | null): FileStaging {
  return localPathOf ? localStaging(localPathOf) : uploadStaging(page);
}

function localStaging(localPathOf: (file: File) => string): FileStaging {
  return {
    local: true,
    async fromDrop(transfer) {
      // Electron lists dropped folders among the files, and knows their paths.
      const entries = fileEntries(transfer);
      return Array.from(transfer.files, (file, index): PickedItem => {
        const localPath = localPathOf(file);
        return entries[index]?.isDirectory
          ? { kind: 'folder', name: file.name, files: [], localPath }
          : { kind: 'file', file: staged(file, file.name), localPath };
      });
    },
    fromInput(files, folders) {
      const list = Array.from(files);
      if (!folders) return list.map((file) => ({ kind: 'file', file: staged(file, file.name), localPath: localPathOf(file) }));
      return foldersFromRelativePaths(list.map((file) => ({ file, webkitRelativePath: file.webkitRelativePath, size: file.size }))).map((item) => {
        const first = item.kind === 'folder' ? item.files[0] : item.file;
        const localPath = first ? pickedFolderPath(localPathOf(first.file), first.file.webkitRelativePath) : null;
        return { ...item, localPath };
      });
    },
    async toPaths(picked, { asOneFolder }) {
      if (asOneFolder && picked.length !== 1) throw new StudioError('INVALID_ARGUMENT', 'A domain takes one folder: drop or choose a single folder for it.');
      return picked.map((item) => {
        if (item.localPath) return item.localPath;
        throw new StudioError('INVALID_ARGUMENT', `The location of ${item.kind === 'folder' ? item.name : item.file.relativePath} is unknown; type its path instead.`);
      });
    },
    async toFilePath(picked, signal) {
      const [path] = await this.toPaths([picked], { asOneFolder: false, onProgress: () => {}, signal });
      return path!;
    },
  };
}

function uploadStaging(page: Window): FileStaging {
  return {
    local: false,
    async fromDrop(transfer) {
      // The entries must be taken before the first await: the DataTransfer is emptied once the drop event returns.
      const entries = fileEntries(transfer);
      const files = Array.from(transfer.files);
      const picked: PickedItem[] = [];
      for (const [index, entry] of entries.entries()) {
        const file = files[index];
        if (entry?.isDirectory) {
          picked.push({ kind: 'folder', name: entry.name, files: await filesInside(entry as FileSystemDirectoryEntry, ''), localPath: null });
        } else if (file) {
          picked.push({ kind: 'file', file: staged(file, file.name), localPath: null });
        }
      }
      return picked;
    },
    fromInput(files, folders) {
      const list = Array.from(files);
      if (!folders) return list.map((file) => ({ kind: 'file', file: staged(file, file.name), localPath: null }));
      return foldersFromRelativePaths(list.map((file) => ({ file, webkitRelativePath: file.webkitRelativePath, size: file.size })));
    },
    async toPaths(picked, { asOneFolder, onProgress, signal }) {
      const batches = uploadBatches(picked, asOneFolder).filter((batch) => batch.files.length > 0);
      if (batches.length === 0) throw new StudioError('INVALID_ARGUMENT', 'There is nothing to import: the folders are empty.');
      const tooLarge = batches.flatMap((batch) => batch.files).find((file) => file.size > uploadRoute.maxFileBytes);
      if (tooLarge) {
        throw new StudioError('PAYLOAD_TOO_LARGE', `${tooLarge.relativePath} is larger than ${uploadRoute.maxFileBytes / 2 ** 20} MB; import it by typing its path instead.`);
      }
      const progress = { filesDone: 0, filesTotal: batches.reduce((sum, batch) => sum + batch.files.length, 0), bytesDone: 0, bytesTotal: totalBytes(batches) };
      onProgress({ ...progress });
      const paths: string[] = [];
      for (const batch of batches) {
        paths.push(
          await uploadBatch(page, batch, signal, (file) => {
            progress.filesDone += 1;
            progress.bytesDone += file.size;
            onProgress({ ...progress });
          }),
        );
      }
      return paths;
    },
    async toFilePath(picked, signal) {
      if (picked.kind !== 'file') throw new StudioError('INVALID_ARGUMENT', `${picked.name} is a folder: choose one image file.`);
      const [folder] = await this.toPaths([picked], { asOneFolder: false, onProgress: () => {}, signal });
      // The server keeps each upload under its relative path inside the batch's staging folder.
      return `${folder}/${picked.file.relativePath}`;
    },
  };
}

/** Uploads one batch's files and answers the staging folder the server put them in. */
async function uploadBatch(page: Window, batch: UploadBatch<File>, signal: AbortSignal, onFileDone: (file: StagedFile<File>) => void): Promise<string> {
  const batchId = crypto.randomUUID();
  const headers = { ...serveAuthHeaders(page), 'Content-Type': 'application/octet-stream' };
  const queue = [...batch.files];
  // One failed upload stops the others: the batch is useless without it.
  const stop = new AbortController();
  const both = AbortSignal.any([signal, stop.signal]);
  const worker = async (): Promise<string | null> => {
    let folder: string | null = null;
    for (let next = queue.shift(); next; next = queue.shift()) {
      const url = `.${uploadUrlPath(uploadRoute.prefix, batchId, next.relativePath)}`;
      try {
        const response = await fetch(url, { method: 'POST', headers, body: next.file, signal: both });
        folder = (await uploadAnswer(response, next.relativePath)).folder;
      } catch (error) {
        stop.abort();
        throw error;
      }
      onFileDone(next);
    }
    return folder;
  };
  const folders = await Promise.all(Array.from({ length: Math.min(uploadsInFlight, queue.length) }, worker));
  const folder = folders.find((found) => found !== null);
  if (!folder) throw new StudioError('INTERNAL', 'The server did not say where it put the uploaded files.');
  return folder;
}

async function uploadAnswer(response: Response, name: string): Promise<{ folder: string }> {
  let envelope: Envelope<{ folder: string }> | null = null;
  try {
    envelope = (await response.json()) as Envelope<{ folder: string }>;
  } catch {
    // Not an envelope: a server without the upload route, or a proxy in between.
  }
  if (envelope?.ok) return envelope.value;
  if (envelope) throw new StudioError(envelope.error.code, `Uploading ${name} failed: ${envelope.error.message}`);
  throw new StudioError('UNAVAILABLE', `Uploading ${name} failed: the server answered HTTP ${response.status}.`);
}

/** The dropped files and folders as entries, in the order of `transfer.files` (a drop may carry text items too). */
function fileEntries(transfer: DataTransfer): (FileSystemEntry | null)[] {
  return Array.from(transfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry());
}

function staged(file: File, relativePath: string): StagedFile<File> {
  return { file, relativePath, size: file.size };
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every file under a dropped folder, with paths relative to it. A reader hands out entries in batches, so read until it is empty. */
async function filesInside(directory: FileSystemDirectoryEntry, prefix: string): Promise<StagedFile<File>[]> {
  const reader = directory.createReader();
  const found: StagedFile<File>[] = [];
  for (;;) {
    const entries = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (entries.length === 0) return found;
    for (const entry of entries) {
      const relativePath = `${prefix}${entry.name}`;
      if (entry.isDirectory) found.push(...(await filesInside(entry as FileSystemDirectoryEntry, `${relativePath}/`)));
      else if (entry.isFile) found.push(staged(await fileOf(entry as FileSystemFileEntry), relativePath));
    }
  }
}
