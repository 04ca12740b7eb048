import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../errors.js';

/**
 * Reads one uploaded file into memory, stopping at the size cap. The photo is checked and
 * its metadata stripped as a whole before anything is written, so nothing unchecked ever
 * reaches the evidence store.
 */
export async function readUpload(file: MultipartFile, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of file.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) break;
    chunks.push(chunk);
  }
  if (file.file.truncated || size > maxBytes) {
    file.file.resume();
    const limit = Math.floor(maxBytes / (1024 * 1024));
    throw new AppError('payload_too_large', { key: 'upload.tooLarge', params: { limit } }, { field: file.fieldname });
  }
  if (size === 0) {
    throw new AppError('unprocessable', { key: 'upload.empty' }, { field: file.fieldname });
  }
  return Buffer.concat(chunks, size);
}
