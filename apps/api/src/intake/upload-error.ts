import { AppError } from '../errors.js';

/**
 * A failure while reading an upload's parts: our own refusals and the multipart plugin's
 * limits (413, 406…) stand as they are; anything else the parser throws (no boundary, a body
 * cut short) is a malformed upload, the sender's to fix — never a server error.
 */
export function asUploadError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: number } | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return error;
  return new AppError('bad_request', { key: 'upload.notMultipart' });
}
