import { StudioError, type StudioErrorInfo } from '../../preload/contract';

/** Anything thrown becomes an error envelope; only StudioErrors keep their code. */
export function toErrorInfo(error: unknown): StudioErrorInfo {
  if (error instanceof StudioError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}
