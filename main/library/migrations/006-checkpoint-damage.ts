import type { Database } from 'better-sqlite3';

/**
 * A checkpoint whose file was found damaged (truncated, altered, missing) is
 * marked with the reason instead of failing every tool that reaches it: the
 * tools fall back to the run's newest intact checkpoint and say so, and the
 * Train view shows the damaged one as damaged.
 */
export function up(db: Database): void {
  db.exec('ALTER TABLE checkpoints ADD COLUMN damage TEXT');
}
