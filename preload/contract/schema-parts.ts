/**
 * The pieces every namespace's argument schemas are built from, and the type
 * that ties a namespace's schemas to its interface in the contract.
 */
import { z } from 'zod';

/**
 * Every schema marked here names a file or folder on the machine running
 * main. Serve mode confines each such argument to the folders it may use
 * (main/api/path-fields.ts finds them by this mark), so an argument that
 * names a path must be built from `serverPath`. Schemas derived from it
 * (`serverPath.refine(…)`) keep the mark: the registry's lookup follows them
 * to their parent.
 */
export const serverPaths = z.registry<{ readonly serverPath: true }>();

export const serverPath = z
  .string({ error: 'must be a folder path' })
  .trim()
  .min(1, 'must not be empty')
  .max(4096, 'is longer than 4096 characters')
  .refine((value) => !value.includes('\0'), 'must not contain NUL characters')
  .register(serverPaths, { serverPath: true });

/** Whether a schema names a server-side path (it is `serverPath` or derived from it). */
export function isServerPath(schema: z.ZodType): boolean {
  return serverPaths.get(schema)?.serverPath === true;
}

export type ArgumentSchemas<Api> = {
  readonly [N in keyof Api]: {
    readonly [M in keyof Api[N]]: Api[N][M] extends (...args: infer A) => unknown
      ? z.ZodType<A, unknown>
      : never;
  };
};

export const jobId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8–64 letters, digits or dashes').optional();
export const id = z.int({ error: 'must be a whole number' }).min(1, 'must be a positive id');
