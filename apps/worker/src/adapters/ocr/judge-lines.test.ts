import { compileFormTemplate, presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import { describe, expect, it } from 'vitest';
import { judgeLines, type TLineVerdict } from './judge-lines.js';

const { relations } = compileFormTemplate(presidentialDefinition);
const options = { minConfidence: 0.8, requireCorroboration: true };
const read = (values: Record<string, number>, failed: Record<string, TLineVerdict> = {}) =>
  Object.entries(values).map(([key, value]) => ({
    key,
    verdict: failed[key] ?? ({ ok: true, value, confidence: 0.95 } as const),
  }));

describe('judgeLines', () => {
  it('keeps every line of a sheet whose relations all hold', () => {
    const judged = judgeLines(read(presidentialSampleValues), relations, options);
    expect(judged.lines).toEqual(presidentialSampleValues);
    expect(judged.sheetChecked).toBe(true);
  });

  it('drops every line of a broken relation and infers none', () => {
    const values = { ...presidentialSampleValues, issued_home: 36 };
    const judged = judgeLines(read(values), relations, { ...options, requireCorroboration: false });
    for (const key of ['took_part', 'issued_early', 'issued_home', 'issued_day', 'received', 'unused']) {
      expect(judged.unread[key]).toBe('relation-broken');
    }
    expect(judged.lines).toEqual({
      voters_on_list: 1650,
      votes_adamovich: 171,
      votes_barysevich: 512,
      votes_hrynevich: 38,
      votes_dubovik: 403,
      votes_karpovich: 27,
      against_all: 96,
      invalid: 51,
    });
  });

  it('holds back lines whose equalities cannot be completed, and the unchecked line with them', () => {
    const judged = judgeLines(
      read(presidentialSampleValues, { invalid: { ok: false, reason: 'low-confidence' } }),
      relations,
      options,
    );
    // The votes equality is incomplete: its lines go, took_part too although its other
    // equality holds; the ballots lines are in equalities that all hold.
    expect(Object.keys(judged.lines).sort()).toEqual([
      'issued_day',
      'issued_early',
      'issued_home',
      'received',
      'unused',
    ]);
    expect(judged.unread.took_part).toBe('uncorroborated');
    expect(judged.unread.votes_adamovich).toBe('uncorroborated');
    expect(judged.unread.voters_on_list).toBe('uncorroborated');
    expect(judged.sheetChecked).toBe(false);
  });
});
