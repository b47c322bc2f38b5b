import type { Database } from 'better-sqlite3';

/**
 * Gives every stored run plan's model config the fields `fieldsFor` names
 * that it lacks, leaving those it has: how a migration writes down what an
 * older default meant, once a newer default replaces it.
 */
export function addMissingModelFields(db: Database, fieldsFor: (model: Record<string, unknown>) => Record<string, unknown>): void {
  const runs = db.prepare('SELECT id, config FROM runs').all() as { id: number; config: string }[];
  const update = db.prepare('UPDATE runs SET config = ? WHERE id = ?');
  for (const run of runs) {
    const plan = JSON.parse(run.config) as { model?: Record<string, unknown> };
    const model = plan.model;
    if (!model) continue;
    const missing = Object.entries(fieldsFor(model)).filter(([field]) => !(field in model));
    if (missing.length > 0) update.run(JSON.stringify({ ...plan, model: { ...model, ...Object.fromEntries(missing) } }), run.id);
  }
}
