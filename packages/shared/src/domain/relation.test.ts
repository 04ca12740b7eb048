import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseRelation, type TRelationContext } from './relation.js';

const context: TRelationContext = {
  lineKeys: ['voters', 'received', 'took_part', 'cand_a', 'cand_b', 'invalid', 'sum', 'candidates'],
  candidateLineKeys: ['cand_a', 'cand_b'],
};

describe('parseRelation normalizes to lhs − rhs (op) 0', () => {
  it.each([
    ['took_part <= voters', 'le', { took_part: 1, voters: -1 }, 0],
    ['took_part ≤ voters', 'le', { took_part: 1, voters: -1 }, 0],
    ['voters >= took_part', 'ge', { voters: 1, took_part: -1 }, 0],
    ['voters ≥ took_part', 'ge', { voters: 1, took_part: -1 }, 0],
    ['took_part = sum(candidates) + invalid', 'eq', { took_part: 1, cand_a: -1, cand_b: -1, invalid: -1 }, 0],
    ['took_part=sum(candidates)+invalid', 'eq', { took_part: 1, cand_a: -1, cand_b: -1, invalid: -1 }, 0],
    ['2*took_part = received', 'eq', { took_part: 2, received: -1 }, 0],
    ['2 * sum( candidates ) = voters', 'eq', { cand_a: 2, cand_b: 2, voters: -1 }, 0],
    ['received - 10 >= took_part', 'ge', { received: 1, took_part: -1 }, -10],
    ['-took_part + voters >= 0', 'ge', { took_part: -1, voters: 1 }, 0],
    ['took_part \u2212 invalid >= cand_a', 'ge', { took_part: 1, invalid: -1, cand_a: -1 }, 0],
    ['took_part = cand_a + cand_a', 'eq', { took_part: 1, cand_a: -2 }, 0],
    ['took_part + cand_a = cand_a + invalid + 3', 'eq', { took_part: 1, invalid: -1 }, -3],
    ['sum = candidates', 'eq', { sum: 1, candidates: -1 }, 0], // keys that look like the macro
    ['1000 = voters', 'eq', { voters: -1 }, 1000],
  ])('%s', (text, op, terms, constant) => {
    const r = parseRelation(text, context);
    expect(r).toEqual({
      ok: true,
      value: { text, op, terms: Object.entries(terms).map(([key, coef]) => ({ key, coef })), constant },
    });
  });
});

describe('parseRelation rejects', () => {
  it.each([
    ['', /needs one of/],
    ['took_part + voters', /needs one of/],
    ['took_part = voters = received', /more than one comparison/],
    ['took_part < voters', /'<' is not supported/],
    ['took_part > voters', /'>' is not supported/],
    ['took_part == voters', /'==' is not supported/],
    ['took_part != voters', /'!=' is not supported/],
    ['took_part = votrs', /unknown line key 'votrs'/],
    ['Took_part = voters', /lowercase/],
    ['took_part = voters / 2', /unexpected character '\/'/],
    ['took_part = voters; drop', /unexpected character ';'/],
    ['= voters', /left side is empty/],
    ['took_part =', /right side is empty/],
    ['took_part = voters +', /right side ends with '\+'/],
    ['took_part = -', /expected a line key or a number, got 'nothing'/],
    ['took_part = voters received', /expected '\+' or '-' before 'received'/],
    ['took_part = + + voters', /expected a line key or a number, got '\+'/],
    ['took_part = 2 * 3', /expected a line key after '\*', got '3'/],
    ['took_part = 0 * voters', /coefficient 0 must be between 1 and 1000/],
    ['took_part = 1001 * voters', /coefficient 1001/],
    ['took_part = voters * 2', /expected '\+' or '-' before '\*'/],
    ['took_part = sum(voters)', /the only macro is sum\(candidates\)/],
    ['took_part = sum(candidates', /the only macro is sum\(candidates\)/],
    ['took_part = 1000000000', /number 1000000000: too large/],
    ['took_part = took_part', /does not depend on any line/],
    ['5 = 5', /does not depend on any line/],
    ['1 000 = voters', /expected '\+' or '-' before '000'/], // no digit grouping in formulas
    ['x'.repeat(501) + ' = voters', /longer than 500/],
  ])('%s', (text, message) => {
    const r = parseRelation(text, context);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('refuses sum(candidates) when the form has no candidate lines', () => {
    const r = parseRelation('took_part = sum(candidates)', { lineKeys: ['took_part'], candidateLineKeys: [] });
    expect(r).toEqual({ ok: false, error: 'sum(candidates) but the form has no candidate lines' });
  });
});

describe('parseRelation properties', () => {
  const keys = ['voters', 'received', 'took_part', 'invalid'] as const;
  const term = fc.record({
    negative: fc.boolean(),
    coef: fc.integer({ min: 1, max: 5 }),
    operand: fc.oneof(fc.constantFrom(...keys), fc.integer({ min: 0, max: 1000 })),
  });
  const side = fc.array(term, { minLength: 1, maxLength: 6 });
  const write = (terms: { negative: boolean; coef: number; operand: string | number }[]) =>
    terms
      .map((t, i) => {
        const body =
          typeof t.operand === 'number' ? String(t.operand) : t.coef === 1 ? t.operand : `${t.coef} * ${t.operand}`;
        return `${t.negative ? '-' : i === 0 ? '' : '+'} ${body}`;
      })
      .join(' ');
  const value = (terms: { negative: boolean; coef: number; operand: string | number }[], v: Record<string, number>) =>
    terms.reduce((s, t) => {
      const x = typeof t.operand === 'number' ? t.operand : t.coef * (v[t.operand] ?? 0);
      return s + (t.negative ? -x : x);
    }, 0);

  it('the normalized form evaluates to lhs − rhs as written, for any values', () => {
    const values = fc.record(Object.fromEntries(keys.map((k) => [k, fc.integer({ min: 0, max: 1e6 })])));
    fc.assert(
      fc.property(side, side, values, (lhs, rhs, v) => {
        const r = parseRelation(`${write(lhs)} = ${write(rhs)}`, context);
        fc.pre(r.ok); // sides that cancel out entirely are rejected, as tested above
        if (!r.ok) return;
        const normalized = r.value.terms.reduce((s, t) => s + t.coef * (v[t.key] ?? 0), r.value.constant);
        expect(normalized).toBe(value(lhs, v) - value(rhs, v));
      }),
    );
  });
});
