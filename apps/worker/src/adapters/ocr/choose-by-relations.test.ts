import { compileFormTemplate, presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseByRelations, judgeLinesWithRelations } from './choose-by-relations.js';
import type { TLineVerdict, TSeenValue } from './judge-lines.js';

const { relations } = compileFormTemplate(presidentialDefinition);
const options = { minConfidence: 0.8, requireCorroboration: true };
const truth = presidentialSampleValues;

/** A box as read: confident unless said, its best value first among what the OCR saw. */
type TRead = { value?: number; confidence?: number; reason?: 'blank' | 'glyph-count'; alt?: number[] };

/** Every line read as printed, except those in `reads`. */
function sheet(reads: Record<string, TRead> = {}): { key: string; verdict: TLineVerdict }[] {
  return Object.entries(truth).map(([key, printed]) => {
    const r = reads[key] ?? {};
    const value = r.value ?? printed;
    const confidence = r.confidence ?? 0.95;
    const seen: TSeenValue[] = [{ value, confidence }, ...(r.alt ?? []).map((v) => ({ value: v, confidence: 0.4 }))];
    if (r.reason === 'blank') return { key, verdict: { ok: false, reason: 'blank' } };
    if (r.reason === 'glyph-count') return { key, verdict: { ok: false, reason: 'glyph-count' } };
    if (confidence < options.minConfidence) return { key, verdict: { ok: false, reason: 'low-confidence', seen } };
    return { key, verdict: { ok: true, value, confidence, seen } };
  });
}

describe('judgeLinesWithRelations', () => {
  // Each row: what the OCR saw in the boxes that differ from the printed sheet, then what
  // comes out: the lines chosen by the relations, and the lines left to people.
  it.each<[string, Record<string, TRead>, string[], string[]]>([
    ['a sheet read right needs no choosing', {}, [], []],
    [
      "one candidate misread, the printed value among the OCR's alternatives: chosen",
      { votes_karpovich: { value: 77, confidence: 0.85, alt: [27] } },
      ['votes_karpovich'],
      [],
    ],
    [
      'a dropped-below-the-bar reading the relations confirm: kept, marked as chosen',
      { issued_home: { confidence: 0.6 } },
      ['issued_home'],
      [],
    ],
    [
      'a misread in a total (took_part) repaired by its alternative, checked by two equalities',
      { took_part: { value: 1798, confidence: 0.9, alt: [1298, 1290] } },
      ['took_part'],
      [],
    ],
    [
      'two lines whose alternatives each balance the sum: ambiguous, both equalities to people',
      {
        votes_karpovich: { value: 77, confidence: 0.85, alt: [27] },
        against_all: { value: 96, alt: [46] },
      },
      [],
      [
        'took_part',
        'votes_adamovich',
        'votes_barysevich',
        'votes_hrynevich',
        'votes_dubovik',
        'votes_karpovich',
        'against_all',
        'invalid',
        'issued_early',
        'issued_home',
        'issued_day',
        'voters_on_list',
      ],
    ],
    [
      'the printed value is not among the alternatives: nothing chosen, nothing guessed',
      { votes_karpovich: { value: 77, confidence: 0.85, alt: [78, 17] } },
      [],
      [
        'took_part',
        'votes_adamovich',
        'votes_barysevich',
        'votes_hrynevich',
        'votes_dubovik',
        'votes_karpovich',
        'against_all',
        'invalid',
        'issued_early',
        'issued_home',
        'issued_day',
        'voters_on_list',
      ],
    ],
    [
      'a blank box is never filled in from the arithmetic, though one equality would determine it',
      { invalid: { reason: 'blank' } },
      [],
      [
        'took_part',
        'votes_adamovich',
        'votes_barysevich',
        'votes_hrynevich',
        'votes_dubovik',
        'votes_karpovich',
        'against_all',
        'invalid',
        'voters_on_list',
      ],
    ],
    [
      'a dropped digit (fewer digits than glyphs) offers nothing to choose',
      { unused: { reason: 'glyph-count' } },
      [],
      ['received', 'issued_early', 'issued_home', 'issued_day', 'unused', 'voters_on_list'],
    ],
    [
      'three readings to overturn is a coincidence, not a repair',
      {
        votes_adamovich: { value: 111, alt: [171] },
        votes_barysevich: { value: 572, alt: [512] },
        votes_dubovik: { value: 463, alt: [403] },
      },
      [],
      [
        'took_part',
        'votes_adamovich',
        'votes_barysevich',
        'votes_hrynevich',
        'votes_dubovik',
        'votes_karpovich',
        'against_all',
        'invalid',
        'issued_early',
        'issued_home',
        'issued_day',
        'voters_on_list',
      ],
    ],
  ])('%s', (_, reads, chosen, toPeople) => {
    const judged = judgeLinesWithRelations(sheet(reads), relations, options);
    expect(judged.byRelations.sort()).toEqual([...chosen].sort());
    expect(Object.keys(judged.unread).sort()).toEqual([...toPeople].sort());
    // Whatever is kept is what was printed.
    for (const [key, value] of Object.entries(judged.lines)) expect(value, key).toBe(truth[key]);
    if (toPeople.length === 0) expect(judged.sheetChecked).toBe(true);
  });

  it('keeps a relation broken on paper broken: the lines go to people', () => {
    const onPaper = { took_part: { value: truth.took_part! + 10, alt: [truth.took_part! + 70] } };
    const judged = judgeLinesWithRelations(sheet(onPaper), relations, options);
    expect(judged.byRelations).toEqual([]);
    expect(judged.unread.took_part).toBe('relation-broken');
  });

  it("gives a chosen line the confidence the OCR gave that value, not the box's best reading's", () => {
    const judged = judgeLinesWithRelations(
      sheet({ votes_karpovich: { value: 77, confidence: 0.85, alt: [27] } }),
      relations,
      options,
    );
    expect(judged.lines.votes_karpovich).toBe(27);
    expect(judged.lineConfidence.votes_karpovich).toBe(0.4);
  });
});

describe('chooseByRelations', () => {
  const small = compileFormTemplate({
    ...presidentialDefinition,
    form: {
      ...presidentialDefinition.form,
      relations: ['took_part = issued_early + issued_home + issued_day'],
    },
  }).relations;
  const seen = (values: Record<string, number[]>) =>
    new Map(Object.entries(values).map(([k, vs]) => [k, vs.map((value) => ({ value, confidence: 0.5 }))]));

  it.each<[Record<string, number[]>, string]>([
    [{ took_part: [10], issued_early: [3], issued_home: [3], issued_day: [4] }, 'chosen'],
    [{ took_part: [10], issued_early: [8, 3], issued_home: [3], issued_day: [4] }, 'chosen'],
    [{ took_part: [10], issued_early: [3, 2], issued_home: [3, 4], issued_day: [4] }, 'ambiguous'],
    [{ took_part: [10], issued_early: [8], issued_home: [3], issued_day: [4] }, 'none'],
    // A line with nothing seen takes no part: its equality is not searched.
    [{ took_part: [10], issued_early: [3], issued_home: [3] }, 'none'],
  ])('%o → %s', (values, kind) => {
    expect(chooseByRelations(seen(values), small).kind).toBe(kind);
  });

  it('gives up past its budget rather than answer', () => {
    const many = Array.from({ length: 8 }, (_, i) => i);
    const values = { took_part: many, issued_early: many, issued_home: many, issued_day: many };
    expect(chooseByRelations(seen(values), small, {}, { maxNodes: 3, maxChanged: 4 }).kind).toBe('too-many');
  });

  it('only ever chooses values the OCR saw, and the choice satisfies every relation', () => {
    const keys = Object.keys(truth);
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 0, maxLength: 2 }), {
          minLength: keys.length,
          maxLength: keys.length,
        }),
        fc.array(fc.boolean(), { minLength: keys.length, maxLength: keys.length }),
        (alternatives, swap) => {
          // The printed value among the alternatives or not, first or not.
          const values = new Map(
            keys.map((k, i) => {
              const printed = truth[k]!;
              const others = alternatives[i]!.filter((v) => v !== printed);
              const list =
                swap[i] && others.length > 0 ? [others[0]!, printed, ...others.slice(1)] : [printed, ...others];
              return [k, list.map((value) => ({ value, confidence: 0.5 }))];
            }),
          );
          const choice = chooseByRelations(values, relations);
          if (choice.kind !== 'chosen') return;
          for (const [k, v] of Object.entries(choice.values)) {
            expect(values.get(k)!.map((s) => s.value)).toContain(v.value);
          }
          const all = { ...Object.fromEntries(Object.entries(choice.values).map(([k, v]) => [k, v.value])) };
          for (const r of relations.filter((x) => x.op === 'eq')) {
            expect(r.terms.reduce((sum, t) => sum + t.coef * all[t.key]!, r.constant)).toBe(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
