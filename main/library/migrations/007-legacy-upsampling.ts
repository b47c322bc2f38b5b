import type { Database } from 'better-sqlite3';

/**
 * Runs planned before generators could upsample by resizing and pad by
 * reflection were built with 4×4 transposed convolutions and zero padding.
 * Their stored configs say so from now on, so resuming one, or drawing from
 * its checkpoints, builds the network it trained (new runs default to
 * resizing and reflection: main/engine/models/config.ts).
 */
export function up(db: Database): void {
  const runs = db.prepare('SELECT id, config FROM runs').all() as { id: number; config: string }[];
  const update = db.prepare('UPDATE runs SET config = ? WHERE id = ?');
  for (const run of runs) {
    const plan = JSON.parse(run.config) as { model?: Record<string, unknown> };
    const model = plan.model;
    if (!model) continue;
    const legacy: Record<string, unknown> = { upsample: 'transposed', ...(model['architecture'] !== 'dcgan' && { padding: 'zeros' }) };
    const missing = Object.entries(legacy).filter(([field]) => !(field in model));
    if (missing.length > 0) update.run(JSON.stringify({ ...plan, model: { ...model, ...Object.fromEntries(missing) } }), run.id);
  }
}
