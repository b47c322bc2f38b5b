import type { Database } from 'better-sqlite3';
import { addMissingModelFields } from './run-model-fields';

/**
 * FastGAN runs planned before its generator could resize bilinearly were
 * built with nearest resizing. Their stored configs say so from now on, so
 * resuming one, or drawing from its checkpoints, builds the network it
 * trained (new runs default to bilinear: main/engine/models/config.ts).
 */
export function up(db: Database): void {
  addMissingModelFields(db, (model) => (model['architecture'] === 'fastgan' ? { upsample: 'nearest' } : {}));
}
