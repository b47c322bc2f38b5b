/**
 * Where a sheet goes: one file (a contact sheet) or a file and its companions
 * (a sprite sheet and its atlas), under the same never-overwrite rules as
 * every export. keep-both numbers them together, so a sheet and its atlas
 * keep matching names.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ConflictPolicy } from '../../preload/contract';
import { alreadyExists } from './targets';
import { firstFree } from './template';

/** The paths to write, first the sheet, then its companions (extensions given with their dot). */
export function sheetPaths(path: string, companions: readonly string[], policy: Exclude<ConflictPolicy, 'skip'>): string[] {
  const sheet = resolve(path);
  const folder = dirname(sheet);
  const stem = basename(sheet, extname(sheet));
  const pathsFor = (name: string) => [join(folder, name), ...companions.map((extension) => join(folder, `${basename(name, extname(name))}${extension}`))];
  const wanted = pathsFor(basename(sheet));
  const taken = wanted.filter((candidate) => existsSync(candidate));
  if (taken.length === 0 || policy === 'overwrite') return wanted;
  if (policy === 'ask') throw alreadyExists(taken, '', 'overwrite or keep-both');
  const free = firstFree(`${stem}${extname(sheet)}`, (name) => pathsFor(name).some((candidate) => existsSync(candidate)));
  return pathsFor(free);
}
