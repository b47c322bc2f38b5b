import type { Database } from 'better-sqlite3';

/**
 * Translate and Style's output kinds: a styled photo is told apart from a
 * translation in the gallery, and a drawing made in Translate is kept as an
 * output of its own, the parent of what it was translated into.
 */
export function up(db: Database): void {
  db.exec(`INSERT INTO output_kinds (kind) VALUES ('style'), ('sketch');`);
}
