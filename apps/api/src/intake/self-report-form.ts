import { ZSelfReportRequest, type TSelfReportRequest } from '@crosstally/shared';
import type { FastifyRequest } from 'fastify';
import type { TApiConfig } from '../config.js';
import { AppError } from '../errors.js';
import { asUploadError, wholeFieldValue } from './upload-error.js';
import { acceptImage, type TAcceptedImage } from './accept-image.js';
import { readUpload } from './read-upload.js';

/**
 * A self-report sent as multipart/form-data, as a plain HTML form sends it: the fields, and
 * an optional ballot photo. A form whose file input was left empty still sends the part,
 * with no file name and no bytes: that means "no photo", not an empty upload.
 */
export async function readSelfReportForm(
  config: TApiConfig,
  request: FastifyRequest,
): Promise<{ report: TSelfReportRequest; ballot: TAcceptedImage | undefined }> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', { key: 'upload.notMultipart' });
  const fields: Record<string, string> = {};
  let ballot: TAcceptedImage | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = wholeFieldValue(part);
        continue;
      }
      if (part.fieldname !== 'ballot' || ballot) {
        throw new AppError('bad_request', { key: 'upload.unexpectedFile', params: { field: part.fieldname } });
      }
      if (part.filename === '') {
        part.file.resume();
        continue;
      }
      ballot = acceptImage(await readUpload(part, config.maxPhotoBytes), config.maxPhotoPixels, 'ballot');
    }
  } catch (error) {
    throw asUploadError(error);
  }
  const parsed = ZSelfReportRequest.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new AppError('bad_request', { key: 'field.invalid', params: { field, problem: issue.message } }, { field });
  }
  return { report: parsed.data, ballot };
}
