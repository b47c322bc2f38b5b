import type { Database } from 'better-sqlite3';

/**
 * Libraries before this stored checkpoint and prepared-cache paths as absolute
 * paths, so a copied project still pointed at (and its retention deleted) the
 * original's files. Each becomes relative to the project folder: the part
 * from the project's own `checkpoints/` or `cache/prepared/` folder on, which
 * is where the studio has always written them, whatever the old root was.
 * A path that fits neither is kept as it is and refused when used.
 */
const projectParts = [/(?:^|[\\/])(checkpoints[\\/][^\\/]+[\\/][^\\/]+)$/, /(?:^|[\\/])(cache[\\/]prepared[\\/][^\\/]+)$/];

export function relativeProjectPath(path: string): string | null {
  for (const pattern of projectParts) {
    const match = pattern.exec(path);
    if (match) return match[1]!.replaceAll('\\', '/');
  }
  return null;
}

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
