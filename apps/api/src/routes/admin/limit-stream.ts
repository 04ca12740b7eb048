import { Transform, type Readable } from 'node:stream';
import { AppError } from '../../errors.js';

/** Passes a stream through, failing with 413 once it carries more than `maxBytes`. */
export function limitStream(input: Readable, maxBytes: number): Readable {
  let seen = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(new AppError('payload_too_large', `the file is larger than ${maxBytes} bytes`));
      else callback(null, chunk);
    },
  });
  input.on('error', (error) => limiter.destroy(error));
  return input.pipe(limiter);
}
