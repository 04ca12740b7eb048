import { describe, it, expect } from 'vitest';
import { sniffImageType, SNIFF_BYTES } from './sniff-image-type.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/ /g, ''), 'hex');

describe('sniffImageType', () => {
  it.each([
    ['JPEG', hex('ffd8ffe0 0010 4a464946'), 'image/jpeg'],
    ['JPEG without APP0', hex('ffd8ffdb'), 'image/jpeg'],
    ['PNG', hex('89504e470d0a1a0a 0000000d'), 'image/png'],
    ['WebP', Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'), 'image/webp'],
  ] as const)('recognises %s from its magic bytes', (_name, head, expected) => {
    expect(sniffImageType(head)).toBe(expected);
  });

  it.each([
    ['an empty buffer', Buffer.alloc(0)],
    ['plain text', Buffer.from('protocol: 123 votes\n', 'utf8')],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')],
    ['a RIFF that is not WebP (WAV)', Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')],
    ['a JPEG prefix too short to be sure', hex('ffd8')],
    ['a PNG signature with a damaged byte', hex('89504e470d0a1a00')],
    ['a RIFF header cut before "WEBP"', Buffer.from('RIFF\x10\x00\x00\x00WEB', 'latin1')],
    ['an HTML page pretending to be a photo', Buffer.from('<html><img src=x>', 'utf8')],
  ])('returns null for %s', (_name, head) => {
    expect(sniffImageType(head)).toBeNull();
  });

  it('needs no more than SNIFF_BYTES bytes', () => {
    const webp = Buffer.from('RIFF\x10\x00\x00\x00WEBP', 'latin1');
    expect(webp.length).toBe(SNIFF_BYTES);
    expect(sniffImageType(webp)).toBe('image/webp');
  });
});
