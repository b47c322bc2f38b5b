/**
 * A tool that reaches a checkpoint (sampling, translating, exporting,
 * resuming) first makes sure its file is the one the library recorded: same
 * size, same SHA-256. A damaged one (truncated, altered, deleted) is marked
 * with the reason, and the tool falls back to the run's newest intact
 * checkpoint and says which one it used and why — a bad disk sector costs a
 * few steps, not the run.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { StudioError, type Notice } from '../../preload/contract';
import type { Library } from './library';
import { checkpointsOf, findRun, type CheckpointRow } from './repos/runs';

/** The checkpoint a tool will use, its file, and — when it is not the one asked for — why. */
export interface IntactCheckpoint {
  readonly checkpoint: CheckpointRow;
  readonly file: string;
  /** Set when the asked-for checkpoint was damaged and an earlier one of its run is used instead: which, and why. */
  readonly fallback: string | null;
}

/**
 * Files already checked in this process, by path, size and modification time:
 * Explore's scrubbing reaches the same checkpoint many times a second.
 */
const verified = new Map<string, string>();

/** The checkpoint to use for `wanted`; a fallback is told through `notify`, under the run's name. */
export function intactCheckpoint(library: Library, wanted: CheckpointRow, notify: (notice: Notice) => void): IntactCheckpoint {
  const damage = damageOf(library, wanted);
  if (damage === null) return { checkpoint: wanted, file: library.fileOf(wanted.path), fallback: null };
  markDamaged(library, wanted, damage);
  const earlier = checkpointsOf(library.db, wanted.run_id)
    .filter((row) => row.id !== wanted.id)
    .sort((a, b) => b.step - a.step);
  for (const candidate of earlier) {
    const candidateDamage = damageOf(library, candidate);
    if (candidateDamage !== null) {
      markDamaged(library, candidate, candidateDamage);
      continue;
    }
    const fallback = `${describe(wanted)} is damaged: ${damage}. Using checkpoint ${candidate.id} (step ${candidate.step}), the run's newest intact one.`;
    notify({ level: 'warning', message: `${findRun(library.db, wanted.run_id)!.name}: ${fallback}` });
    return { checkpoint: candidate, file: library.fileOf(candidate.path), fallback };
  }
  throw new StudioError('NOT_FOUND', `${describe(wanted)} is damaged (${damage}), and its run has no intact checkpoint to use instead`);
}

function describe(row: CheckpointRow): string {
  return `Checkpoint ${row.id} (step ${row.step}, ${row.path})`;
}

/** Null for a file that matches its record; otherwise what is wrong with it, in words. */
function damageOf(library: Library, row: CheckpointRow): string | null {
  let file: string;
  try {
    file = library.fileOf(row.path);
  } catch (error) {
    return (error as Error).message;
  }
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its file is missing' : `its file cannot be read (${(error as Error).message})`;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) return 'its file is not a regular file';
    if (stats.size !== row.size) return `its file is ${stats.size} bytes, not the ${row.size} written`;
    const key = `${file}\0${stats.size}\0${stats.mtimeMs}`;
    if (verified.get(key) === row.sha256) return null;
    const hash = createHash('sha256');
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
    if (hash.digest('hex') !== row.sha256) return 'its contents do not match their checksum';
    verified.set(key, row.sha256);
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Recorded where this process may write; a read-only process only reports it. */
function markDamaged(library: Library, row: CheckpointRow, damage: string): void {
  if (library.readOnly || row.damage === damage) return;
  library.db.prepare('UPDATE checkpoints SET damage = ? WHERE id = ?').run(damage, row.id);
}
