import { crc32 as zlibCrc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, it, expect } from 'vitest';
import { crc32 } from './crc32.js';

describe('crc32', () => {
  it('matches the published check value for "123456789"', () => {
    expect(crc32(Buffer.from('123456789', 'latin1'))).toBe(0xcbf43926);
  });

  it('is 0 for an empty range', () => {
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('agrees with zlib on arbitrary data and sub-ranges (covers the 8-byte and tail loops)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const buf = Buffer.from(bytes);
        const start = buf.length === 0 ? 0 : a % (buf.length + 1);
        const end = start + (buf.length === 0 ? 0 : b % (buf.length - start + 1));
        expect(crc32(buf, start, end)).toBe(zlibCrc32(buf.subarray(start, end)));
      }),
    );
  });
});
