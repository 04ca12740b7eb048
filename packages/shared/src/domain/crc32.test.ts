import { describe, it, expect } from 'vitest';
import { crc32, crc32Hex } from './crc32.js';

describe('crc32', () => {
  // Published check values of CRC-32/ISO-HDLC.
  it.each([
    ['', '00000000'],
    ['a', 'E8B7BE43'],
    ['123456789', 'CBF43926'],
    ['The quick brown fox jumps over the lazy dog', '414FA339'],
  ])('%j → %s', (text, hex) => {
    expect(crc32Hex(text)).toBe(hex);
  });

  it('hashes bytes, so text is taken as UTF-8', () => {
    expect(crc32Hex('д')).toBe(crc32Hex('\u0434'));
    expect(crc32(new Uint8Array([0xd0, 0xb4]))).toBe(crc32(new TextEncoder().encode('д')));
  });
});
