import type { ErrorCode, StudioErrorInfo } from '../../preload/contract';

/** An error the user should see as it is: its code and message cross every transport. */
export class StudioError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StudioError';
    this.code = code;
  }
}

/** Anything thrown becomes an error envelope; only StudioErrors keep their code. */
export function toErrorInfo(error: unknown): StudioErrorInfo {
  if (error instanceof StudioError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Internal error: ${message}` };
}
