/**
 * bundle.json's fileSha256: the SHA-256 of each file the engine writes into
 * a bundle (model.json, weights, layers.js), recorded at export and checked
 * as an import reads each file, so a bit flipped on a disk or in a download
 * is refused, naming the file, instead of becoming a model that draws noise.
 * Bundles exported before the hashes were recorded have none: they import
 * unverified.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { StudioError } from '../../../preload/contract';

/** File name (relative to the bundle's folder, with forward slashes) → SHA-256 in hex. */
export type FileHashes = Readonly<Record<string, string>>;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Refuses `bytes` of the bundle's file `name` unless `recorded` (null: the bundle records none) says they are its contents. */
export function checkRecordedHash(name: string, bytes: Uint8Array, recorded: FileHashes | null): void {
  if (recorded === null) return;
  const key = posix.normalize(name.replaceAll('\\', '/'));
  if (!Object.hasOwn(recorded, key)) throw new StudioError('INVALID_ARGUMENT', `${name}: bundle.json records no SHA-256 for it, so it cannot be verified`);
  if (sha256Hex(bytes) !== recorded[key]) {
    throw new StudioError('INVALID_ARGUMENT', `${name}: its SHA-256 is not the one bundle.json records (the file is damaged, or was changed after export)`);
  }
}
