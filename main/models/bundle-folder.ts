/**
 * Where a bundle is written: a staging folder beside the destination, filled
 * and then renamed into place, so the destination is never half-written. A
 * folder with something in it is replaced only when the caller said so, and
 * then only once the new bundle is complete.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { StudioError, type BundleConflict, type BundleFile } from '../../preload/contract';

export interface BundleDestination {
  readonly folder: string;
  /** Whether a non-empty folder is there, to be replaced. */
  readonly replace: boolean;
}

export function chooseDestination(folder: string, conflict: BundleConflict): BundleDestination {
  const target = resolve(folder);
  const state = folderState(target);
  if (state === 'free') return { folder: target, replace: false };
  if (state === 'file') throw new StudioError('ALREADY_EXISTS', `folder: ${target} is a file; choose a folder for the bundle`);
  switch (conflict) {
    case 'ask':
      throw new StudioError('ALREADY_EXISTS', `folder: ${target} is not empty; choose another folder, or say to overwrite it or keep both`);
    case 'overwrite':
      return { folder: target, replace: true };
    case 'keep-both':
      for (let number = 2; ; number++) {
        const candidate = `${target}-${number}`;
        if (folderState(candidate) === 'free') return { folder: candidate, replace: false };
      }
  }
}

/** Absent, or an empty folder, is free. */
function folderState(path: string): 'free' | 'file' | 'full' {
  if (!existsSync(path)) return 'free';
  if (!statSync(path).isDirectory()) return 'file';
  return readdirSync(path).length === 0 ? 'free' : 'full';
}

/** An empty folder beside `target` to write the bundle into; an unwritable place is an error naming it. */
export function makeStagingFolder(target: string): string {
  const parent = dirname(target);
  try {
    mkdirSync(parent, { recursive: true });
    return mkdtempSync(join(parent, `.${basename(target)}.partial-`));
  } catch (error) {
    throw new StudioError('INVALID_ARGUMENT', `folder: cannot write in ${parent} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Renames the finished staging folder to the destination; a replaced folder is moved aside first and deleted last. */
export function moveIntoPlace(staging: string, destination: BundleDestination): void {
  const { folder } = destination;
  if (!destination.replace) {
    if (existsSync(folder)) rmdirSync(folder); // Empty: rename cannot take its place everywhere.
    renameSync(staging, folder);
    return;
  }
  const aside = join(dirname(folder), `.${basename(folder)}.replaced-${randomBytes(4).toString('hex')}`);
  renameSync(folder, aside);
  try {
    renameSync(staging, folder);
  } catch (error) {
    renameSync(aside, folder);
    throw error;
  }
  rmSync(aside, { recursive: true, force: true });
}

/** Every file under `folder`, by path relative to it, with its size. */
export function listFiles(folder: string, under = folder): BundleFile[] {
  return readdirSync(under, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(under, entry.name);
      return entry.isDirectory() ? listFiles(folder, path) : [{ name: relative(folder, path), bytes: statSync(path).size }];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
