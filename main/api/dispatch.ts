import type { z } from 'zod';
import { argumentSchemas, StudioError, type Envelope, type StudioApi } from '../../preload/contract';
import { toErrorInfo } from './errors';
import { pathArguments, pathFieldsOf } from './path-fields';

/**
 * Serve mode's rule for arguments that name files or folders on this machine:
 * `confine` throws a StudioError naming the field when one may not be used.
 */
export interface PathPolicy {
  confine(field: string, path: string): void;
}

/** What a front door adds to a call. */
export interface CallOptions {
  /** Serve mode passes its policy; Electron's IPC and the local CLI pass none and keep the user's full access. */
  readonly pathPolicy?: PathPolicy;
}

export type Dispatch = (method: string, args: unknown, options?: CallOptions) => Promise<Envelope<unknown>>;

type Handler = (...args: unknown[]) => Promise<unknown>;

/**
 * The single gate every front door (IPC, HTTP, CLI) calls through: it finds
 * the method, validates the arguments against the contract's schema, holds
 * path arguments to the front door's policy, if it has one, and wraps
 * whatever happens in an envelope. Services never see unchecked input.
 */
export function createDispatcher(services: StudioApi): Dispatch {
  return async (method, args, options = {}) => {
    try {
      const [schema, handler] = lookUp(services, method);
      const parsed = schema.safeParse(args);
      if (!parsed.success) throw new StudioError('INVALID_ARGUMENT', describeIssues(method, parsed.error));
      if (options.pathPolicy) confinePaths(options.pathPolicy, method, schema, parsed.data);
      const value = await handler(...(parsed.data as unknown[]));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toErrorInfo(error) };
    }
  };
}

function lookUp(services: StudioApi, method: string): [z.ZodType, Handler] {
  const [namespace, name, ...rest] = method.split('.');
  const schemas: Record<string, Record<string, z.ZodType> | undefined> = argumentSchemas;
  const schema = rest.length === 0 && namespace && name ? ownValue(ownValue(schemas, namespace), name) : undefined;
  if (!schema) throw new StudioError('UNKNOWN_METHOD', `Unknown method "${method}"`);
  const group = ownValue(services as unknown as Record<string, Record<string, Handler>>, namespace as string);
  const handler = ownValue(group, name as string);
  if (!handler) throw new StudioError('UNKNOWN_METHOD', `Method "${method}" has no handler`);
  return [schema, handler.bind(group)];
}

/** Checks the validated (trimmed) paths: the very strings the service will use. */
function confinePaths(policy: PathPolicy, method: string, schema: z.ZodType, args: unknown): void {
  for (const { field, path } of pathArguments(pathFieldsOf(schema), args)) policy.confine(`${method}: ${field}`, path);
}

/** Own properties only, so `toString` or `__proto__` never resolve to a method. */
function ownValue<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** "library.open: path: must not be empty" — the field named, as a person would read it. */
function describeIssues(method: string, error: z.ZodError): string {
  const issues = error.issues.map((issue) => {
    const [index, ...fieldPath] = issue.path;
    if (index === undefined) {
      // The argument list itself is wrong.
      if (issue.code === 'too_big') return `takes at most ${issue.maximum} argument(s)`;
      if (issue.code === 'too_small') return `needs ${issue.minimum} argument(s)`;
      return `arguments must be a list (${issue.message})`;
    }
    // Every method takes request objects, so the field names the problem; the argument's index only when there is none.
    const field = fieldPath.length > 0 ? fieldPath.join('.') : `argument ${Number(index) + 1}`;
    if (issue.code === 'unrecognized_keys') return `${field}: unexpected field ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
    return `${field}: ${issue.message}`;
  });
  return `${method}: ${issues.join('; ')}`;
}
