import { describe, expect, it } from 'vitest';
import { ZElectionDefinition } from '../election-definition.js';
import { compileFormTemplate } from '../form-template.js';
import { checkRelations } from '../relation-check.js';
import { presidentialDefinition, presidentialSampleValues } from '../fixtures/presidential-form.js';
import { buildSyntheticDefinition, candidateKeys, votesLine } from './synthetic-form.js';

const counts = Array.from({ length: 11 }, (_, i) => i + 2); // 2..12

describe('buildSyntheticDefinition', () => {
  it.each(counts)('with %i candidates passes ZElectionDefinition and compiles', (k) => {
    const def = buildSyntheticDefinition(4242, k);
    expect(ZElectionDefinition.parse(def)).toEqual(def);
    const template = compileFormTemplate(def);
    expect(template.relations).toHaveLength(4);
    expect(def.candidates.map((c) => c.key)).toEqual(candidateKeys(k));
    expect(def.form.lines).toHaveLength(9 + k);
    // Numbers run 1..9+k without gaps, candidates on 7..6+k in ballot order.
    expect(def.form.lines.map((l) => l.number)).toEqual(Array.from({ length: 9 + k }, (_, i) => i + 1));
    expect(def.form.lines.filter((l) => l.candidate !== undefined).map((l) => [l.number, l.candidate])).toEqual(
      candidateKeys(k).map((c, i) => [7 + i, c]),
    );
    for (const c of def.candidates) expect(new Set([c.name.be, c.name.ru, c.name.en]).size).toBeGreaterThan(1);
  });

  it.each([0, 1, 4242, 0xffffffff])('names the election synthetic-%i, a valid slug', (seed) => {
    const def = buildSyntheticDefinition(seed, 3);
    expect(def.code).toBe(`synthetic-${seed}`);
    expect(def.code).toMatch(/^[a-z0-9][a-z0-9-]{1,62}$/);
  });

  it('has the fixture form with five candidates: same line keys apart from candidates, same relations', () => {
    const def = buildSyntheticDefinition(1, 5);
    const nonCandidate = (d: typeof def) => d.form.lines.filter((l) => l.candidate === undefined).map((l) => l.key);
    expect(nonCandidate(def)).toEqual(nonCandidate(presidentialDefinition));
    expect(def.form.relations).toEqual(presidentialDefinition.form.relations);
    // The fixture's sample protocol, renamed to synthetic keys, satisfies the synthetic relations.
    const renamed = Object.fromEntries(
      Object.entries(presidentialSampleValues).map(([key, v]) => {
        const at = presidentialDefinition.candidates.findIndex((c) => votesLine(c.key) === key);
        return [at >= 0 ? votesLine(candidateKeys(5)[at] ?? '') : key, v];
      }),
    );
    const statuses = checkRelations(compileFormTemplate(def).relations, renamed).map((c) => c.status);
    expect(statuses).toEqual(['holds', 'holds', 'holds', 'holds']);
  });

  it.each([1, 13, 2.5])('refuses %s candidates', (k) => {
    expect(() => buildSyntheticDefinition(1, k)).toThrow(RangeError);
  });
});
