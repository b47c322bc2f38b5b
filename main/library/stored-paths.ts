/**
 * Paths the library stores (checkpoints, prepared caches) are relative to the
 * project folder, with '/' between parts, so a project copied or moved — to
 * another folder, another machine, another OS — still finds its own files and
 * never reaches anything outside itself.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { StudioError } from '../../preload/contract';
import { isInsideFolder } from '../files/inside-folder';

/** The stored form of a file inside the project at `root`. */
export function storedPathOf(root: string, file: string): string {
  const inside = relative(resolve(root), resolve(file));
  if (inside === '' || !isInsideFolder(resolve(file), resolve(root))) {
    throw new StudioError('INTERNAL', `${file} is outside the project ${root}; the library stores only files inside it`);
  }
  return inside.split(sep).join('/');
}

/** The file a stored path names inside the project at `root`; a path that would lead outside it is refused. */
export function projectFileOf(root: string, stored: string): string {
  const parts = stored.split('/');
  if (stored === '' || isAbsolute(stored) || /^[A-Za-z]:/.test(stored) || parts.some((part) => part === '..' || part === '' || part.includes('\\'))) {
    throw new StudioError('INCOMPATIBLE', `The library names "${stored}", which is not a path inside the project ${root}`);
  }
  return resolve(root, ...parts);
}

/** Where the studio writes the files the library names: checkpoints/run-N/step-….lsck and cache/prepared/….lstc. */
const projectParts = [/(?:^|[\\/])(checkpoints[\\/][^\\/]+[\\/][^\\/]+)$/, /(?:^|[\\/])(cache[\\/]prepared[\\/][^\\/]+)$/];

/**
 * The stored form of a path from an older library, absolute to wherever the
 * project was then: the part from its own checkpoints/ or cache/prepared/ on,
 * whatever the old root was. Null for a path in neither place.
 */
export function relativeProjectPath(path: string): string | null {
  for (const pattern of projectParts) {
    const match = pattern.exec(path);
    if (match) return match[1]!.replaceAll('\\', '/');
  }
  return null;
}
