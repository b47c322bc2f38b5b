/** Error codes and the envelope every call settles to, over every transport. */

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_METHOD'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'NOT_A_PROJECT'
  | 'INCOMPATIBLE'
  | 'CANCELLED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface StudioErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * An error a person should read as it is. Main throws it from services; the
 * renderer and the CLI rebuild it from a failed envelope, code intact.
 */
export class StudioError extends Error {
  override readonly name = 'StudioError';
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

/** Every call, over every transport, settles to one of these. */
export type Envelope<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: StudioErrorInfo };
