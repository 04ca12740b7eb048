import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BallotPhotos, mistypeCode } from './crowd-noise.js';
import { Rng } from './prng.js';
import { stationCode } from './region-tree.js';
import { VoterTokens, type TVoterKind } from './voter-tokens.js';

const seed = fc.integer({ min: 0, max: 0xffffffff });
const STATION_CODE = /^[\p{L}\p{N}._-]{1,64}$/u;

describe('mistypeCode', () => {
  // A dense registry: every code of oblast 1, districts 1-9, stations 1-99. Most typos of
  // such a code land on another station, so the fallback paths get exercised.
  const dense = new Set<string>();
  for (let d = 1; d <= 9; d += 1) for (let s = 1; s <= 99; s += 1) dense.add(stationCode(1, d, s));
  const codes = [...dense];

  it('never gives the code itself or another existing station, and stays a valid code', () => {
    fc.assert(
      fc.property(seed, fc.constantFrom(...codes), (s, code) => {
        const typo = mistypeCode(new Rng(s), code, (c) => dense.has(c));
        expect(typo).not.toBe(code);
        expect(dense.has(typo)).toBe(false);
        expect(typo).toMatch(STATION_CODE);
      }),
    );
  });

  it('gives a swap or one wrong digit when that is free', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 200; i += 1) {
      const typo = mistypeCode(rng, '01-003-0042', (c) => c === '01-003-0042');
      expect(typo).toHaveLength('01-003-0042'.length);
      expect(typo.replace(/[0-9]/g, '#')).toBe('##-###-####');
    }
  });

  it('falls back to a longer code when every typo is taken', () => {
    expect(mistypeCode(new Rng(1), '7', (c) => c.length === 1)).toMatch(/^7[0-9]+$/);
  });
});

describe('VoterTokens', () => {
  const formats: Record<TVoterKind, RegExp> = {
    phone: /^\+375(25|29|33|44)[0-9]{7}$/,
    bot: /^tg:[1-9][0-9]{8}$/,
    code: /^OTC-[0-9A-HJKMNP-TV-Z]{6}$/,
  };

  it('issues 100,000 distinct tokens of each kind, each in its format', () => {
    const rng = new Rng(99);
    const tokens = new VoterTokens(rng);
    for (const kind of ['phone', 'bot', 'code'] as const) {
      const seen = new Set<string>();
      let misfits = 0;
      for (let i = 0; i < 100_000; i += 1) {
        const token = tokens.next(kind);
        seen.add(token);
        if (tokens.lastKind !== kind || !formats[kind].test(token)) misfits += 1;
      }
      expect(seen.size).toBe(100_000);
      expect(misfits).toBe(0);
    }
  });

  it('differs between seeds', () => {
    const first = (s: number) => new VoterTokens(new Rng(s)).next('phone');
    expect(first(1)).not.toBe(first(2));
  });

  it('draws mostly phones', () => {
    const rng = new Rng(4);
    const tokens = new VoterTokens(rng);
    const kinds = Array.from({ length: 10_000 }, () => tokens.drawKind(rng));
    expect(kinds.filter((k) => k === 'phone').length / kinds.length).toBeCloseTo(0.8, 1);
    expect(new Set(kinds)).toEqual(new Set(['phone', 'bot', 'code']));
  });
});

describe('BallotPhotos', () => {
  it('issues fresh ids once each and reuses the station’s or the last one', () => {
    const photos = new BallotPhotos();
    const rng = new Rng(2);
    expect(photos.reuse(rng, [])).toBeNull();
    const a = photos.fresh();
    const b = photos.fresh();
    expect(a).not.toBe(b);
    expect(photos.reuse(rng, [])).toBe(b);
    expect(photos.reuse(rng, [a])).toBe(a);
  });
});
