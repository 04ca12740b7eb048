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

/** The longest text field a multipart form may carry (the plugin's fieldSize). */
export const multipartFieldChars = 1000;

/**
 * A text field's value, whole: the multipart parser cuts a longer one at the limit and only
 * marks it so (a 200 kB field reached the intake as its first 1,000 characters). Refused with
 * the field named instead.
 */
export function wholeFieldValue(part: { fieldname: string; value: unknown; valueTruncated: boolean }): string {
  if (part.valueTruncated) {
    throw new AppError(
      'payload_too_large',
      { key: 'upload.fieldTooLong', params: { field: part.fieldname, limit: multipartFieldChars } },
      { field: part.fieldname },
    );
  }
  return String(part.value);
}
