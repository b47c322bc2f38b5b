/** The project's export history: one row of the exports table for each export that wrote something. */
import type { Database } from 'better-sqlite3';
import type { ExportRecord } from '../../preload/contract';

export interface NewExport {
  readonly kind: ExportRecord['kind'];
  readonly destination: string;
  readonly format: string;
  /** What was asked for (size, template, conflict policy, the selection), kept as JSON. */
  readonly settings: Record<string, unknown>;
  readonly count: number;
}

export function recordExport(db: Database, entry: NewExport, now = Date.now()): number {
  return Number(
    db
      .prepare('INSERT INTO exports (destination, format, settings, output_count, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(entry.destination, entry.format, JSON.stringify({ kind: entry.kind, ...entry.settings }), entry.count, now).lastInsertRowid,
  );
}

export function recentExports(db: Database, limit = 50): ExportRecord[] {
  const rows = db
    .prepare("SELECT id, destination, format, json_extract(settings, '$.kind') AS kind, output_count, created_at FROM exports ORDER BY created_at DESC, id DESC LIMIT ?")
    .all(limit) as { id: number; destination: string; format: string; kind: string | null; output_count: number; created_at: number }[];
  return rows.map((row) => ({
    exportId: row.id,
    kind: row.kind === 'contact-sheet' || row.kind === 'sprite-sheet' ? row.kind : 'images',
    destination: row.destination,
    format: row.format,
    count: row.output_count,
    createdAt: row.created_at,
  }));
}
