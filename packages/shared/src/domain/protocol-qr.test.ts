import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { crc32Hex } from './crc32.js';
import { decodeProtocolQr, encodeProtocolQr, type TProtocolQrPayload } from './protocol-qr.js';

/** Builds a payload text with a correct checksum around any body, valid or not. */
const signed = (body: string) => `${body}|${crc32Hex(body)}`;

const sample: TProtocolQrPayload = { election: 'by-2020', station: '01-123', lines: { 1: 1650, 6: 1298, 7: 171 } };

describe('encodeProtocolQr', () => {
  it.each<[TProtocolQrPayload, string]>([
    [sample, signed('CT1|by-2020|01-123|1=1650,6=1298,7=171')],
    [{ election: 'e', station: 's', lines: { 12: 0, 3: 999_999_999 } }, signed('CT1|e|s|3=999999999,12=0')],
    [{ election: 'a|b', station: 'x,y=z%', lines: { 1: 1 } }, signed('CT1|a%7Cb|x%2Cy%3Dz%25|1=1')],
    [{ election: 'e', station: 'УИК 5', lines: { 1: 1 } }, signed('CT1|e|%D0%A3%D0%98%D0%9A 5|1=1')],
    [{ election: 'e', station: 'a\nb', lines: { 200: 1 } }, signed('CT1|e|a%0Ab|200=1')],
  ])('%o', (payload, text) => {
    expect(encodeProtocolQr(payload)).toBe(text);
    expect(text).toMatch(/\|[0-9A-F]{8}$/);
  });

  it.each<[string, TProtocolQrPayload]>([
    ['empty election', { ...sample, election: '' }],
    ['empty station', { ...sample, station: '' }],
    ['no lines', { ...sample, lines: {} }],
    ['line 0', { ...sample, lines: { 0: 1 } }],
    ['line 201', { ...sample, lines: { 201: 1 } }],
    ['negative value', { ...sample, lines: { 1: -1 } }],
    ['fractional value', { ...sample, lines: { 1: 1.5 } }],
    ['value above the maximum', { ...sample, lines: { 1: 1_000_000_000 } }],
    ['lone surrogate', { ...sample, station: '\uD800' }],
  ])('throws on %s', (_name, payload) => {
    expect(() => encodeProtocolQr(payload)).toThrow(RangeError);
  });
});

describe('decodeProtocolQr', () => {
  it('reads what encode wrote, tolerating a trailing newline from the scanner', () => {
    expect(decodeProtocolQr(`${encodeProtocolQr(sample)}\r\n`)).toEqual({ ok: true, value: sample });
  });

  it.each<[string, string, RegExp]>([
    ['', 'not_crosstally', /does not start with 'CT1\|'/],
    ['https://example.org/', 'not_crosstally', /does not start/],
    ['201301006.01.1.0001!140,7,10,0,3!0!0', 'not_crosstally', /does not start/],
    [signed('CT2|e|s|1=1'), 'not_crosstally', /unsupported CrossTally QR version 2/],
    [signed('CT1|e|s|1=1').replace(/.$/, 'X'), 'malformed', /checksum must be 8 uppercase hex/],
    [signed('CT1|e|s|1=1').toLowerCase().replace(/^ct1/, 'CT1'), 'malformed', /checksum must be 8 uppercase hex/],
    ['CT1|e|s|1=1|00000000', 'bad_checksum', /does not match/],
    ['CT1|e|s|1=2|' + crc32Hex('CT1|e|s|1=1'), 'bad_checksum', /does not match/],
    [signed('CT1|e|s|1=1') + 'д', 'malformed', /outside printable ASCII/],
    [signed('CT1|e|s'), 'malformed', /expected 5 fields/],
    [signed('CT1|e|s|t|1=1'), 'malformed', /expected 5 fields/],
    [signed('CT1||s|1=1'), 'malformed', /must not be empty/],
    [signed('CT1|e||1=1'), 'malformed', /must not be empty/],
    [signed('CT1|e%7c|s|1=1'), 'malformed', /election code: '%' must be followed by two uppercase hex/],
    [signed('CT1|e%4|s|1=1'), 'malformed', /election code: '%' must be followed/],
    [signed('CT1|e|%41|1=1'), 'malformed', /station code: escaping is not canonical/],
    [signed('CT1|e|%D0|1=1'), 'malformed', /station code: escapes are not valid UTF-8/],
    [signed('CT1|e|s\t|1=1'), 'malformed', /outside printable ASCII/],
    [signed('CT1|e|s|'), 'malformed', /line '' is not/],
    [signed('CT1|e|s|1=1,'), 'malformed', /line '' is not/],
    [signed('CT1|e|s|01=1'), 'malformed', /without leading zeros/],
    [signed('CT1|e|s|1=01'), 'malformed', /without leading zeros/],
    [signed('CT1|e|s|1=1 000'), 'malformed', /line '1=1 000'/],
    [signed('CT1|e|s|1=-1'), 'malformed', /line '1=-1'/],
    [signed('CT1|e|s|0=1'), 'malformed', /line '0=1'/],
    [signed('CT1|e|s|201=1'), 'malformed', /line number 201 is above 200/],
    [signed('CT1|e|s|1=1000000000'), 'malformed', /line '1=1000000000'/],
    [signed('CT1|e|s|2=1,1=1'), 'malformed', /line 1 after line 2: lines must ascend/],
    [signed('CT1|e|s|1=1,1=2'), 'malformed', /line 1 after line 1/],
  ])('%j → %s', (text, code, message) => {
    const r = decodeProtocolQr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    }
  });
});

/** Codes mixing the structural characters, Cyrillic, controls and any other code point. */
const code = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('|', ',', '=', '%', '!', ' ', '\n', '\uFEFF'),
      fc.constantFrom(...'УИКЎўІіЁёжщ'),
      fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 20,
  })
  .filter((s) => s.length > 0);

const lines = fc
  .dictionary(
    fc.integer({ min: 1, max: 200 }).map(String),
    fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 999_999_999 })),
    { minKeys: 1, maxKeys: 30 },
  )
  .map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [Number(k), v])) as Record<number, number>);

const payload = fc.record({ election: code, station: code, lines });

describe('protocol QR properties', () => {
  it('decode(encode(p)) = p for any codes and lines, and the text is printable ASCII', () => {
    fc.assert(
      fc.property(payload, (p) => {
        const text = encodeProtocolQr(p);
        expect(text).toMatch(/^[\x20-\x7E]+$/);
        expect(decodeProtocolQr(text)).toEqual({ ok: true, value: p });
      }),
    );
  });

  it('rejects any single changed character: never a wrong payload accepted', () => {
    const replacement = fc.oneof(
      fc.constantFrom('|', ',', '=', '%', '0', '1', '9', 'A', 'F', 'a', ' ', 'д'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(payload, fc.nat(), replacement, (p, at, ch) => {
        const chars = Array.from(encodeProtocolQr(p));
        const i = at % chars.length;
        fc.pre(chars[i] !== ch);
        chars[i] = ch;
        const r = decodeProtocolQr(chars.join(''));
        expect(r.ok).toBe(false);
        // Past the 'CT1|' prefix, a change is a damaged CrossTally payload, not another format.
        if (!r.ok && i >= 4) expect(['bad_checksum', 'malformed']).toContain(r.error.code);
      }),
      { numRuns: 2000 },
    );
    // 2,000 runs take ~1 s alone; more while the rest of the suite shares the two cores.
  }, 30_000);

  it('rejects every printable-ASCII substitution at every position of a sample', () => {
    const text = encodeProtocolQr({ election: 'by-2020', station: 'a|b', lines: { 1: 1650, 6: 1298, 12: 0 } });
    let accepted = 0;
    for (let i = 0; i < text.length; i += 1) {
      for (let c = 0x20; c <= 0x7e; c += 1) {
        const ch = String.fromCharCode(c);
        if (ch === text[i]) continue;
        if (decodeProtocolQr(text.slice(0, i) + ch + text.slice(i + 1)).ok) accepted += 1;
      }
    }
    expect(accepted).toBe(0);
  });
});
