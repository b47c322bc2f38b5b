/**
 * Where a method's arguments name files or folders on this machine, read
 * from the contract's schemas rather than listed by hand: every path field
 * is built from `serverPath`, so a method that gains one is confined in
 * serve mode without anyone remembering to add it here.
 */
import { z } from 'zod';
import { isServerPath } from '../../preload/contract/schema-parts';

/** Every element of a list (the steps between are keys and tuple indexes). */
export const eachElement = Symbol('each element');

/** The steps from the argument list to one path field, e.g. [0, 'paths', eachElement]. */
export type PathField = readonly (string | number | typeof eachElement)[];

export interface PathArgument {
  /** The field as the dispatcher names it in errors: "paths.0", "destination.zip". */
  readonly field: string;
  readonly path: string;
}

const fieldsBySchema = new WeakMap<z.ZodType, readonly PathField[]>();

/** The path fields of an argument-list schema; worked out once per method. */
export function pathFieldsOf(schema: z.ZodType): readonly PathField[] {
  let fields = fieldsBySchema.get(schema);
  if (!fields) {
    fields = collectFields(schema, []);
    fieldsBySchema.set(schema, fields);
  }
  return fields;
}

function collectFields(schema: z.ZodType, at: PathField): PathField[] {
  if (isServerPath(schema)) return [at];
  if (schema instanceof z.ZodTuple) {
    if (schema.def.rest) throw new Error(`path fields: a tuple with a rest element at ${describeSteps(at)} is not supported`);
    return (schema.def.items as z.ZodType[]).flatMap((item, index) => collectFields(item, [...at, index]));
  }
  if (schema instanceof z.ZodObject) return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, value]) => collectFields(value, [...at, key]));
  if (schema instanceof z.ZodArray) return collectFields(schema.element as z.ZodType, [...at, eachElement]);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return collectFields(schema.unwrap() as z.ZodType, at);
  // Every option is searched: a field is a path in whichever option the value matched.
  if (schema instanceof z.ZodUnion) return uniqueFields((schema.options as z.ZodType[]).flatMap((option) => collectFields(option, at)));
  if (isLeaf(schema)) return [];
  // A schema this walk cannot see inside could hide a path: fail loudly (the contract's tests walk every method).
  throw new Error(`path fields: cannot look inside a ${schema.def.type} schema at ${describeSteps(at)}`);
}

function isLeaf(schema: z.ZodType): boolean {
  return [z.ZodString, z.ZodNumber, z.ZodBoolean, z.ZodEnum, z.ZodLiteral, z.ZodNull].some((kind) => schema instanceof kind);
}

function uniqueFields(fields: PathField[]): PathField[] {
  const seen = new Set<string>();
  return fields.filter((field) => {
    const key = describeSteps(field);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describeSteps(steps: PathField): string {
  return steps.map((step) => (step === eachElement ? '*' : String(step))).join('.') || '(arguments)';
}

/** The paths a validated argument list names, each with the field that named it. */
export function pathArguments(fields: readonly PathField[], args: unknown): PathArgument[] {
  return fields.flatMap((field) => valuesAt(args, field, []));
}

function valuesAt(value: unknown, remaining: PathField, walked: (string | number)[]): PathArgument[] {
  const [step, ...rest] = remaining;
  if (step === undefined) return typeof value === 'string' ? [{ field: nameField(walked), path: value }] : [];
  if (step === eachElement) return Array.isArray(value) ? value.flatMap((element, index) => valuesAt(element, rest, [...walked, index])) : [];
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, step)) return [];
  return valuesAt((value as Record<string | number, unknown>)[step], rest, [...walked, step]);
}

/** As the dispatcher names a field: without the argument's index, which every method's single request object shares. */
function nameField([index, ...fieldPath]: (string | number)[]): string {
  return fieldPath.length > 0 ? fieldPath.join('.') : `argument ${Number(index) + 1}`;
}
