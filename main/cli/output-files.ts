/** Writing a command's results beside the gallery copies: never over a file a person may have curated. */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './usage';

export function refuseExisting(targets: readonly string[], advice: string): void {
  const taken = targets.filter((target) => existsSync(target));
  if (taken.length > 0) throw new UsageError(`${taken[0]} already exists${taken.length > 1 ? ` (and ${taken.length - 1} more)` : ''}; ${advice}`);
}

export function copyOut(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  // COPYFILE_EXCL: a file that appeared since the check is still not overwritten.
  copyFileSync(from, to, 1);
}
