import { describe, expect, it } from 'vitest';
import { presidentialDefinition } from '../fixtures/presidential-form.js';
import { resultLinesOf, stationResultOf, type TResultFormLine } from './result-lines.js';

type TStoredFormLine = TResultFormLine & { number: number; label: Record<string, string> };

const line = (key: string, candidate?: string): TStoredFormLine => ({
  key,
  number: 1,
  label: { be: key, ru: key, en: key },
  ...(candidate && { candidate }),
});
const keys = (lines: TStoredFormLine[] | null | undefined) => lines?.map((l) => l.key);

describe('resultLinesOf', () => {
  it('reads the presidential form: issued early + at home + on the day over the list; share of those who took part', () => {
    const lines = resultLinesOf(presidentialDefinition.form.lines)!;
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
    const lines = resultLinesOf(form)!;
    expect(keys(lines.issued)).toEqual(issued);
    expect(keys(lines.counted)).toEqual(counted);
    expect(lines.registered?.key).toBe(registered);
  });

  it('gives up on a form without candidates or any turnout line', () => {
    expect(resultLinesOf([line('took_part'), line('invalid')])).toBeNull();
    expect(resultLinesOf([line('votes_a', 'a'), line('invalid')])).toBeNull();
  });
});

describe('stationResultOf', () => {
  const lines = resultLinesOf(presidentialDefinition.form.lines)!;
  const values: Record<string, number> = {
    voters_on_list: 1000,
    issued_early: 100,
    issued_home: 20,
    issued_day: 480,
    took_part: 590,
    invalid: 10,
    against_all: 30,
  };
  presidentialDefinition.candidates.forEach((c, i) => (values[`votes_${c.key}`] = [300, 100, 80, 50, 20][i]!));
  const where = { region: 'Minsk', station: '0001', votersOnList: 999 };

  it('reads the protocol: issued lines for turnout, took part split into invalid and valid, votes by candidate', () => {
    const result = stationResultOf(lines, values, where)!;
    expect(result).toMatchObject({ region: 'Minsk', station: '0001', registered: 1000, ballotsIssued: 600 });
    expect(result.valid! + result.invalid!).toBe(590);
    expect(result.invalid).toBe(10);
    expect(Object.values(result.votes)).toEqual([300, 100, 80, 50, 20]);
    expect(Object.keys(result.votes)).toEqual(presidentialDefinition.candidates.map((c) => c.key));
  });

  it('leaves out a result that lacks a line it needs, rather than guessing it', () => {
    const { issued_home: _, ...partial } = values;
    expect(stationResultOf(lines, partial, where)).toBeNull();
    const { [`votes_${presidentialDefinition.candidates[0]!.key}`]: __, ...noVotes } = values;
    expect(stationResultOf(lines, noVotes, where)).toBeNull();
  });
});
