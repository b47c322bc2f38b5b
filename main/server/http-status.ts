import type { ErrorCode } from '../../preload/contract';

/** The envelope is the answer; the status code is for curl and proxies. */
export const httpStatusFor: Readonly<Record<ErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  UNKNOWN_METHOD: 404,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  NOT_A_PROJECT: 422,
  INCOMPATIBLE: 409,
  CANCELLED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};
