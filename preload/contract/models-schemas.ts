/** The models namespace's argument schemas: each field's message names what it must be. */
import { z } from 'zod';
import type { StudioApi } from '../contract';
import { id, jobId, serverPath, type ArgumentSchemas } from './schema-parts';

const path = serverPath;
const conflict = z.enum(['ask', 'overwrite', 'keep-both'], { error: 'must be ask, overwrite or keep-both' });
const precision = z.enum(['float32', 'float16'], { error: 'must be float32 or float16' });
const runName = z
  .string({ error: 'must be a run name' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'is longer than 200 characters')
  .refine((value) => !/[\u0000-\u001f]/.test(value), 'must not contain control characters');
const source = { path, checkpointId: id.optional() };

export const modelsSchemas = {
  export: z.tuple([z.strictObject({ checkpointId: id, folder: path, ema: z.boolean({ error: 'must be true or false' }).optional(), conflict: conflict.optional(), precision: precision.optional(), jobId })]),
  inspect: z.tuple([z.strictObject(source)]),
  import: z.tuple([z.strictObject({ ...source, name: runName.optional(), jobId })]),
} as const satisfies ArgumentSchemas<Pick<StudioApi, 'models'>>['models'];
