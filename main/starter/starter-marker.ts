/**
 * A project still being filled with the starter content carries this file,
 * written when the project is made and removed once the last step is done.
 * A studio killed half way finds it on the next launch and carries on from
 * the first step not yet done.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeCompleteFile } from '../export/files';

const markerName = 'starter-pending';

export function markStarterPending(projectRoot: string): void {
  writeCompleteFile(join(projectRoot, markerName), Buffer.from('The starter datasets, models and outputs are still being added; the studio carries on at its next launch.\n'), true);
}

export function isStarterPending(projectRoot: string): boolean {
  return existsSync(join(projectRoot, markerName));
}

export function clearStarterPending(projectRoot: string): void {
  rmSync(join(projectRoot, markerName), { force: true });
}
