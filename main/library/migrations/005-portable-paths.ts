import type { Database } from 'better-sqlite3';
import { relativeProjectPath } from '../stored-paths';

/**
 * Libraries before this stored checkpoint and prepared-cache paths as absolute
 * paths, so a copied project still pointed at (and its retention deleted) the
 * original's files. Each becomes relative to the project folder (see
 * relativeProjectPath). A path that fits no known place is kept as it is and
 * refused when used.
 */
export function up(db: Database): void {
  for (const table of ['checkpoints', 'prepared_caches']) {
    const rows = db.prepare(`SELECT id, path FROM ${table}`).all() as { id: number; path: string }[];
    const update = db.prepare(`UPDATE ${table} SET path = ? WHERE id = ?`);
    for (const row of rows) {
      const relative = relativeProjectPath(row.path);
      if (relative !== null && relative !== row.path) update.run(relative, row.id);
    }
  }
}
