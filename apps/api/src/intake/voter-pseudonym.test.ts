import { describe, expect, it } from 'vitest';
import { normalizeVoterToken } from './voter-pseudonym.js';

describe('normalizeVoterToken for phone numbers', () => {
  it.each([
    ['+375 29 111-22-33', null],
    ['375291112233', null],
    ['00375 (29) 111 22 33', null],
    ['+375291112233', 'RU'],
    ['8 029 111 22 33', 'BY'],
    ['80291112233', 'BY'],
    ['29 111 22 33', 'BY'],
  ])('writes %s (country %s) as one E.164 number', (typed, country) => {
    expect(normalizeVoterToken('phone', typed, country)).toBe('+375291112233');
  });

  it('keeps the digits of a number no numbering plan knows, and refuses what is no number', () => {
    expect(normalizeVoterToken('phone', '1234567', null)).toBe('+1234567');
    expect(normalizeVoterToken('phone', '+1234567', 'ZZ')).toBe('+1234567');
    expect(normalizeVoterToken('phone', 'call me', 'BY')).toBeUndefined();
    expect(normalizeVoterToken('phone', '12', 'BY')).toBeUndefined();
  });

  it('writes a code as issued, however it was grouped, cased or misread', () => {
    expect(normalizeVoterToken('code', ' ab-12cd ', 'BY')).toBe('AB12CD');
    expect(normalizeVoterToken('code', 'k7qf 3m9x-TOIL', null)).toBe('K7QF3M9XT011');
    expect(normalizeVoterToken('code', 'ab!12cd', null)).toBeUndefined();
  });

  it('leaves a bot token as it was', () => {
    expect(normalizeVoterToken('bot', 'tg:42', 'BY')).toBe('tg:42');
  });
});
