import { isDatabaseUnavailable, isStoreFull, type TMessage } from '@crosstally/shared';

export const errorStatus = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  too_many_requests: 429,
  unavailable: 503,
} as const;

export type TErrorCode = keyof typeof errorStatus;

/**
 * An expected failure with a status and a message a client can act on (never internal
 * detail). Messages people meet at intake are catalogue entries, translated per request;
 * admin-facing ones may still be plain English text.
 */
export class AppError extends Error {
  constructor(
    readonly code: TErrorCode,
    readonly text: TMessage | string,
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof text === 'string' ? text : text.key);
    this.name = 'AppError';
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

/**
 * An outage as an answer: the database away (restarting, failing over, its connections cut)
 * or the evidence store full is 503, to be tried again shortly, never a 500 that reads like a bug. Anything else is
 * returned as it came.
 */
export function asOutage<T>(error: T): T | AppError {
  if (isDatabaseUnavailable(error)) return new AppError('unavailable', { key: 'service.unavailable' });
  // A full store: the file was not written and nothing was recorded; the same upload later goes through.
  if (isStoreFull(error)) return new AppError('unavailable', { key: 'storage.full' });
  return error;
}
