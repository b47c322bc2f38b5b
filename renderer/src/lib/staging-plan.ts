/**
 * How picked and dropped files become import paths, as pure functions (no
 * DOM), so the rules are unit-tested. file-staging.ts does the browser part.
 *
 * The rule both front doors follow: every dropped or picked folder is one
 * import path, and its subfolders name classes (or, for matched pairs, give
 * the relative names A and B are paired by). So an upload batch must mirror
 * the folder's inside, without the folder's own name on top.
 */

/** Something the user gave us: a folder with the files in it, or one loose file. */
export type Picked<F> =
  | { readonly kind: 'folder'; readonly name: string; readonly files: readonly StagedFile<F>[]; readonly localPath: string | null }
  | { readonly kind: 'file'; readonly file: StagedFile<F>; readonly localPath: string | null };

export interface StagedFile<F> {
  readonly file: F;
  /** Where it goes inside its upload batch, `/`-separated. */
  readonly relativePath: string;
  readonly size: number;
}

/** One upload batch: its files land in one staging folder, which becomes one import path. */
export interface UploadBatch<F> {
  readonly files: readonly StagedFile<F>[];
}

/**
 * Groups files from `<input webkitdirectory>` (each with a webkitRelativePath
 * like "shoes/boots/1.png") into one folder per top-level name, with paths
 * relative to that folder.
 */
export function foldersFromRelativePaths<F>(files: readonly { file: F; webkitRelativePath: string; size: number }[]): Picked<F>[] {
  const folders = new Map<string, StagedFile<F>[]>();
  const loose: Picked<F>[] = [];
  for (const { file, webkitRelativePath, size } of files) {
    const segments = webkitRelativePath.split('/').filter((segment) => segment !== '');
    if (segments.length < 2) {
      loose.push({ kind: 'file', file: { file, relativePath: segments[0] ?? 'file', size }, localPath: null });
      continue;
    }
    const [root, ...inside] = segments as [string, ...string[]];
    const list = folders.get(root) ?? [];
    list.push({ file, relativePath: inside.join('/'), size });
    folders.set(root, list);
  }
  return [...[...folders].map(([name, list]): Picked<F> => ({ kind: 'folder', name, files: list, localPath: null })), ...loose];
}

/**
 * The upload batches for what was picked. Separately (an image set's drop
 * zone): one batch per folder, plus one for all loose files together — as
 * under Electron, where each folder is its own path. As one folder (a domain
 * zone, which must give exactly one path): one batch; a single folder is
 * unwrapped, anything else keeps its names inside the batch.
 */
export function uploadBatches<F>(picked: readonly Picked<F>[], asOneFolder: boolean): UploadBatch<F>[] {
  if (picked.length === 0) return [];
  if (asOneFolder) {
    const only = picked.length === 1 ? picked[0] : undefined;
    if (only?.kind === 'folder') return [{ files: only.files }];
    return [{ files: picked.flatMap((item) => (item.kind === 'file' ? [item.file] : item.files.map((staged) => ({ ...staged, relativePath: `${item.name}/${staged.relativePath}` })))) }];
  }
  const folders = picked.flatMap((item) => (item.kind === 'folder' ? [{ files: item.files }] : []));
  const loose = picked.flatMap((item) => (item.kind === 'file' ? [item.file] : []));
  return loose.length > 0 ? [...folders, { files: loose }] : folders;
}

/** `/upload/<batch>/<segments…>` with every segment encoded, so names with spaces, `#` or `?` arrive intact. */
export function uploadUrlPath(prefix: string, batchId: string, relativePath: string): string {
  const segments = relativePath.split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..');
  return `${prefix}${encodeURIComponent(batchId)}/${segments.map(encodeURIComponent).join('/')}`;
}

/**
 * The folder a picked file's folder lives in, from the file's own path and its
 * webkitRelativePath ("shoes/boots/1.png" under /home/a/shoes/boots/1.png →
 * /home/a/shoes). Under Electron, so a folder picked with the folder button
 * imports as one path, like a dropped one.
 */
export function pickedFolderPath(filePath: string, webkitRelativePath: string): string | null {
  const separator = filePath.includes('\\') && !filePath.includes('/') ? '\\' : '/';
  const relative = webkitRelativePath.split('/').join(separator);
  if (!filePath.endsWith(relative)) return null;
  const root = webkitRelativePath.split('/')[0] ?? '';
  return filePath.slice(0, filePath.length - relative.length) + root;
}

export function totalBytes<F>(batches: readonly UploadBatch<F>[]): number {
  return batches.reduce((sum, batch) => sum + batch.files.reduce((inner, staged) => inner + staged.size, 0), 0);
}
