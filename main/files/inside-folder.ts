import { isAbsolute, relative, sep } from 'node:path';

/**
 * Whether `candidate` is `folder` or lies inside it (both already resolved,
 * links followed where that matters). `..name` is a file inside; `../name` is not.
 */
export function isInsideFolder(candidate: string, folder: string): boolean {
  const path = relative(folder, candidate);
  return path === '' || (path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path));
}
