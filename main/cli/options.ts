import type { BackendName } from '../../preload/contract';
import { UsageError } from './usage';

const backends: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${option} must be one of ${allowed.join(', ')}, got "${value}"`);
  return value as T;
}

export function integerOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 0) throw new UsageError(`${option} must be a whole number, got "${value}"`);
  return number;
}

/** `--backend NAME`: compute on that backend rather than the fastest that loads. */
export function backendOption(value: string | undefined): BackendName | undefined {
  return oneOf(value, backends, '--backend');
}
