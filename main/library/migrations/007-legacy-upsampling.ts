import type { Database } from 'better-sqlite3';
import { addMissingModelFields } from './run-model-fields';

/**
 * Runs planned before generators could upsample by resizing and pad by
 * reflection were built with 4×4 transposed convolutions and zero padding.
 * Their stored configs say so from now on, so resuming one, or drawing from
 * its checkpoints, builds the network it trained (new runs default to
 * resizing and reflection: main/engine/models/config.ts).
 */
export function up(db: Database): void {
  addMissingModelFields(db, (model) => ({ upsample: 'transposed', ...(model['architecture'] !== 'dcgan' && { padding: 'zeros' }) }));
}
