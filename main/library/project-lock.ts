/**
 * One writer per project. The desktop app, serve and every writing command
 * hold the project's lock while it is open; a second writer is refused with
 * the holder's name, pid and start time.
 *
 * The lock is an operating-system file lock, taken through SQLite on a file
 * of its own (writer.lock; SQLite's locks are fcntl locks on Unix and
 * LockFileEx on Windows), so the system releases it the moment its process
 * ends, however it ends: a lock left by a killed process is never in the way,
 * and a reused pid can never keep one alive. Who holds it is written beside
 * it (writer.json), only for the message a second writer reads.
 */
import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { StudioError } from '../../preload/contract';
import { writeFileAtomically } from './atomic-write';

export const lockFileName = 'writer.lock';
export const holderFileName = 'writer.json';

/** Who holds a project's lock, for the message a second writer gets. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** What is writing, as a person would name it: `latent-studio serve`, the desktop app. */
  readonly command: string;
  readonly startedAt: number;
}

export interface ProjectLock {
  readonly holder: LockHolder;
  release(): void;
}

/** Takes the lock of the project at `root` for `command`, or throws ALREADY_EXISTS naming who holds it. */
export function lockProject(root: string, command: string, now = Date.now()): ProjectLock {
  const file = join(root, lockFileName);
  // No busy wait: a second writer is told at once.
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The journal in memory: the file holds nothing worth rolling back, and a killed holder leaves no hot journal behind.
    db.pragma('journal_mode = MEMORY');
    // In exclusive locking mode the first write takes the file's exclusive lock and keeps it until the connection closes.
    db.exec('CREATE TABLE IF NOT EXISTS lock (taken_at INTEGER NOT NULL)');
    db.prepare('INSERT INTO lock (taken_at) VALUES (?)').run(now);
    db.exec('DELETE FROM lock');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY') || (error as { code?: string }).code?.startsWith('SQLITE_LOCKED')) throw heldBy(root);
    throw new StudioError('INVALID_ARGUMENT', `Cannot lock ${root} for writing: ${(error as Error).message}`);
  }
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, startedAt: now };
  const holderFile = join(root, holderFileName);
  writeFileAtomically(holderFile, Buffer.from(`${JSON.stringify(holder, null, 2)}\n`));
  let released = false;
  return {
    holder,
    release: () => {
      if (released) return;
      released = true;
      rmSync(holderFile, { force: true });
      db.close();
    },
  };
}

/** Who holds the lock of the project at `root`, as its writer.json says (null when it says nothing readable). */
export function lockHolder(root: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(join(root, holderFileName), 'utf8')) as Partial<LockHolder>;
    if (typeof holder.pid !== 'number' || typeof holder.host !== 'string' || typeof holder.command !== 'string' || typeof holder.startedAt !== 'number') return null;
    return holder as LockHolder;
  } catch {
    return null;
  }
}

function heldBy(root: string): StudioError {
  const holder = lockHolder(root);
  if (!holder) return new StudioError('ALREADY_EXISTS', `Project ${root} is open for writing in another Latent Studio process; close it there first`);
  const since = new Date(holder.startedAt);
  const time = since.toDateString() === new Date().toDateString() ? since.toTimeString().slice(0, 5) : since.toISOString().slice(0, 16).replace('T', ' ');
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
  // A command line reads as one (`latent-studio serve`); the app by its name.
  const what = holder.command.startsWith('latent-studio') ? `\`${holder.command}\`` : holder.command;
  return new StudioError('ALREADY_EXISTS', `Project ${root} is open in ${what} (pid ${holder.pid}${where}) since ${time}; close it there first, or use a command that only reads`);
}
