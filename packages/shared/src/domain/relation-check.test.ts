import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { checkRelations } from './relation-check.js';
import { parseRelation, type TRelation } from './relation.js';
import { compileFormTemplate } from './form-template.js';
import { presidentialDefinition, presidentialSampleValues } from './fixtures/presidential-form.js';

const context = { lineKeys: ['a', 'b', 'c', 'constructor'], candidateLineKeys: ['b', 'c'] };

function relation(text: string): TRelation {
  const r = parseRelation(text, context);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('checkRelations', () => {
  it.each<[string, Record<string, number | undefined>, string, number | null, number | null, string[]]>([
    ['a = b + c', { a: 5, b: 2, c: 3 }, 'holds', 5, 5, []],
    ['a = b + c', { a: 6, b: 2, c: 3 }, 'broken', 6, 5, []],
    ['a = sum(candidates)', { a: 6, b: 2, c: 3 }, 'broken', 6, 5, []],
    ['a <= b', { a: 5, b: 5 }, 'holds', 5, 5, []],
    ['a <= b', { a: 6, b: 5 }, 'broken', 6, 5, []],
    ['a >= b', { a: 4, b: 5 }, 'broken', 4, 5, []],
    ['a >= b', { a: 0, b: 0 }, 'holds', 0, 0, []],
    ['2*a = b + 3', { a: 4, b: 5 }, 'holds', 8, 8, []],
    ['a + 3 = b', { a: 4, b: 7 }, 'holds', 7, 7, []],
    ['a = b + c', { a: 5, b: 2 }, 'incomplete', 5, null, ['c']],
    ['a = b + c', { b: 2, c: 3 }, 'incomplete', null, 5, ['a']],
    ['a = b + c', {}, 'incomplete', null, null, ['a', 'b', 'c']],
    ['a = b + c', { a: 5, b: 2, c: undefined }, 'incomplete', 5, null, ['c']],
    ['a = b + c', { a: 5, b: 2, c: Number.NaN }, 'incomplete', 5, null, ['c']],
    // A key named like an Object.prototype member must not read the prototype.
    ['constructor = a', { a: 1 }, 'incomplete', null, 1, ['constructor']],
  ])('%s with %o → %s', (text, values, status, lhs, rhs, missing) => {
    const [check] = checkRelations([relation(text)], values);
    expect(check).toEqual({ relation: relation(text), status, lhs, rhs, missing });
  });

  it('returns one check per relation, in order', () => {
    const checks = checkRelations([relation('a = b'), relation('a >= c')], { a: 1, b: 1, c: 2 });
    expect(checks.map((c) => c.status)).toEqual(['holds', 'broken']);
  });
});

const template = compileFormTemplate(presidentialDefinition);
const candidateKeys = template.lines.filter((l) => l.candidate !== undefined).map((l) => l.key);
const count = (max: number) => fc.integer({ min: 0, max });

/** An honest station protocol for the presidential form: counts first, totals derived. */
const honestProtocol = fc
  .record({
    votes: fc.array(count(5000), { minLength: candidateKeys.length, maxLength: candidateKeys.length }),
    againstAll: count(2000),
    invalid: count(500),
    earlyShare: fc.double({ min: 0, max: 1, noNaN: true }),
    homeShare: fc.double({ min: 0, max: 1, noNaN: true }),
    stayedHome: count(3000),
    unused: count(1000),
  })
  .map((p) => {
    const votes = Object.fromEntries(candidateKeys.map((k, i) => [k, p.votes[i] ?? 0]));
    const tookPart = p.votes.reduce((s, v) => s + v, 0) + p.againstAll + p.invalid;
    const early = Math.floor(tookPart * p.earlyShare);
    const home = Math.floor((tookPart - early) * p.homeShare);
    return {
      ...votes,
      voters_on_list: tookPart + p.stayedHome,
      received: tookPart + p.unused,
      issued_early: early,
      issued_home: home,
      issued_day: tookPart - early - home,
      took_part: tookPart,
      against_all: p.againstAll,
      invalid: p.invalid,
      unused: p.unused,
    } as Record<string, number>;
  });

describe('checkRelations on the presidential form', () => {
  it('the sample protocol satisfies every relation', () => {
    expect(checkRelations(template.relations, presidentialSampleValues).map((c) => c.status)).toEqual(
      template.relations.map(() => 'holds'),
    );
  });

  it('any honest protocol satisfies every relation', () => {
    fc.assert(
      fc.property(honestProtocol, (values) => {
        for (const check of checkRelations(template.relations, values)) expect(check.status).toBe('holds');
      }),
    );
  });

  it("changing one candidate's number breaks the sum relation, by exactly the change", () => {
    const sumIndex = presidentialDefinition.form.relations.findIndex((r) => r.includes('sum(candidates)'));
    const change = fc.integer({ min: -5000, max: 5000 }).filter((d) => d !== 0);
    fc.assert(
      fc.property(honestProtocol, fc.constantFrom(...candidateKeys), change, (values, key, delta) => {
        const forged = { ...values, [key]: Math.max(0, (values[key] ?? 0) + delta) };
        fc.pre(forged[key] !== values[key]);
        const check = checkRelations(template.relations, forged)[sumIndex];
        expect(check?.status).toBe('broken');
        expect((check?.rhs ?? 0) - (check?.lhs ?? 0)).toBe((forged[key] ?? 0) - (values[key] ?? 0));
      }),
    );
  });
});
