import { presidentialDefinition, type TStoredFormLine } from '@crosstally/shared';
import { describe, expect, it } from 'vitest';
import { chartLinesOf } from './chart-lines.js';

const line = (key: string, candidate?: string): TStoredFormLine => ({
  key,
  number: 1,
  label: { be: key, ru: key, en: key },
  ...(candidate && { candidate }),
});
const keys = (lines: TStoredFormLine[] | null | undefined) => lines?.map((l) => l.key);

describe('chartLinesOf', () => {
  it('reads the presidential form: issued early + at home + on the day over the list; share of those who took part', () => {
    const lines = chartLinesOf(presidentialDefinition.form.lines)!;
    expect(lines.registered?.key).toBe('voters_on_list');
    expect(keys(lines.issued)).toEqual(['issued_early', 'issued_home', 'issued_day']);
    expect(keys(lines.counted)).toEqual(['took_part']);
    expect(lines.candidates.map((c) => c.candidate)).toEqual(presidentialDefinition.candidates.map((c) => c.key));
  });

  it.each([
    {
      form: [line('ballots_issued'), line('valid'), line('invalid'), line('votes_a', 'a')],
      issued: ['ballots_issued'],
      counted: ['valid', 'invalid'],
      registered: undefined,
    },
    {
      form: [line('voters_on_list'), line('took_part'), line('votes_a', 'a'), line('votes_b', 'b')],
      issued: ['took_part'],
      counted: ['took_part'],
      registered: 'voters_on_list',
    },
    {
      form: [line('ballots_issued'), line('votes_a', 'a'), line('votes_b', 'b'), line('against_all'), line('invalid')],
      issued: ['ballots_issued'],
      counted: ['votes_a', 'votes_b', 'against_all', 'invalid'],
      registered: undefined,
    },
  ])('falls back in order for a form of $issued / $counted', ({ form, issued, counted, registered }) => {
    const lines = chartLinesOf(form)!;
    expect(keys(lines.issued)).toEqual(issued);
    expect(keys(lines.counted)).toEqual(counted);
    expect(lines.registered?.key).toBe(registered);
  });

  it('gives up on a form without candidates or any turnout line', () => {
    expect(chartLinesOf([line('took_part'), line('invalid')])).toBeNull();
    expect(chartLinesOf([line('votes_a', 'a'), line('invalid')])).toBeNull();
  });
});
