import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_COUNT, parseCount } from './parse-count.js';

describe('parseCount accepts', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['007', 7],
    ['  42\n', 42],
    ['1234567', 1_234_567],
    ['1 234', 1234],
    ['1\u00A0234\u00A0567', 1_234_567],
    ['12\u2009345', 12_345],
    ['999\u202F999\u202F999', MAX_COUNT],
    ["1'000", 1000],
    ['1\u2019000', 1000],
    ['\u00A0 15 000 \u2009', 15_000],
    ['999999999', MAX_COUNT],
    ['0000000000000000000012', 12],
  ])('%j → %d', (text, expected) => {
    expect(parseCount(text)).toEqual({ ok: true, value: expected });
  });
});

describe('parseCount rejects', () => {
  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['-1', /negative/],
    ['\u22125', /negative/],
    ['+5', /leading '\+'/],
    ['1.5', /decimals/],
    ['1,234', /decimals/],
    ['12a', /unexpected character 'a'/],
    ['1e3', /unexpected character 'e'/],
    ['0x10', /unexpected character 'x'/],
    ['١٢', /unexpected character/], // Arabic-Indic digits: ASCII only
    ['1 2 3', /three digits/],
    ['1234 567', /three digits/],
    ['1 23', /three digits/],
    ['1  234', /three digits/],
    ["1'234 567", /three digits/],
    ['1 234 ', undefined], // trailing space is trimmed, so this one is fine
    ['1000000000', /too large/],
    ['1 000 000 000', /too large/],
    ['99999999999999999999999999', /too large/],
  ])('%j', (text, message) => {
    const r = parseCount(text);
    if (message === undefined) {
      expect(r.ok).toBe(true);
      return;
    }
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

const count = fc.integer({ min: 0, max: MAX_COUNT });

function group(n: number, separator: string): string {
  return String(n).replace(/\B(?=([0-9]{3})+$)/g, separator);
}

describe('parseCount properties', () => {
  it('round-trips any count written plainly', () => {
    fc.assert(
      fc.property(count, (n) => {
        expect(parseCount(String(n))).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('round-trips any count grouped by threes with any separator and padding', () => {
    const separator = fc.constantFrom(' ', '\u00A0', '\u2009', '\u202F', "'", '\u2019');
    const pad = fc.constantFrom('', ' ', '\t', '\u00A0');
    fc.assert(
      fc.property(count, separator, pad, pad, (n, sep, left, right) => {
        expect(parseCount(left + group(n, sep) + right)).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('never throws, and an accepted value is always an in-range integer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const r = parseCount(text);
        if (r.ok) {
          expect(Number.isSafeInteger(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(0);
          expect(r.value).toBeLessThanOrEqual(MAX_COUNT);
        }
      }),
    );
  });

  it('rejects every count above the maximum', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_COUNT + 1, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(parseCount(String(n)).ok).toBe(false);
      }),
    );
  });
});
