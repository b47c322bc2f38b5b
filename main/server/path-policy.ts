/**
 * Serve mode's confinement of file and folder arguments. Whoever holds the
 * token is a browser user, perhaps on another machine: they may read and
 * write inside the open project and the folders the operator allowed
 * (`serve --allow-dir`), not everywhere the account running serve can.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { StudioError } from '../../preload/contract';
import { isInsideFolder } from '../files/inside-folder';
import type { PathPolicy } from '../api/dispatch';

/**
 * C0 and C1 controls and DEL garble logs and terminals; bidirectional
 * overrides and isolates make a path display as another (`gpj.exe` shown as
 * `exe.jpg`). No path a person types needs them.
 */
const controlCharacters = /[\u0000-\u001f\u007f-\u009f]/;
const bidiControls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

/** Why a path may not even be looked at in serve mode, or null when it is well formed. */
export function malformedPathReason(path: string): string | null {
  if (controlCharacters.test(path)) return 'must not contain control characters';
  if (bidiControls.test(path)) return 'must not contain bidirectional text controls (U+061C, U+200E/F, U+202A–U+202E, U+2066–U+2069)';
  // Relative to what? The server's working folder is nothing the browser user can see.
  if (!isAbsolute(path)) return 'must be an absolute path';
  // The OS resolves ".." after following links, so "allowed/link/.." can land anywhere: refuse rather than guess.
  if (path.split(/[\\/]/).includes('..')) return 'must not contain ".." segments';
  return null;
}

/**
 * The path with every link followed, as the OS will open it: the real path of
 * its nearest existing ancestor, then the parts not created yet. Null when a
 * part is a link that leads nowhere (creating through it would land wherever
 * it points) or loops.
 */
export function resolveLinks(path: string): string | null {
  const missing: string[] = [];
  let existing = resolve(path);
  while (!exists(existing)) {
    const parent = dirname(existing);
    if (parent === existing) return null;
    missing.unshift(basename(existing));
    existing = parent;
  }
  try {
    return join(realpathSync.native(existing), ...missing);
  } catch {
    return null;
  }
}

/** lstat, not stat: a dangling link exists, so the walk stops on it and realpath refuses it. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A policy confining paths to `allowedFolders` (asked on every call: the
 * open project changes). Links are followed on both sides before comparing,
 * so neither a link inside an allowed folder nor a link to one misleads it.
 */
export function confineToFolders(allowedFolders: () => readonly string[], followLinks: (path: string) => string | null = resolveLinks): PathPolicy {
  return {
    confine(field, path) {
      const malformed = malformedPathReason(path);
      if (malformed) throw new StudioError('INVALID_ARGUMENT', `${field}: ${malformed}`);
      const target = followLinks(path);
      const folders = allowedFolders().flatMap((folder) => followLinks(folder) ?? []);
      if (target === null) throw new StudioError('FORBIDDEN', `${field}: "${path}" goes through a link that points nowhere or loops`);
      if (!folders.some((folder) => isInsideFolder(target, folder))) {
        throw new StudioError('FORBIDDEN', `${field}: "${path}" is outside the folders this server may use: its projects and those it was allowed (serve --allow-dir)`);
      }
    },
  };
}
