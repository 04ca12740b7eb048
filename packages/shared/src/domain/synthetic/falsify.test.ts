import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileFormTemplate } from '../form-template.js';
import { checkRelations } from '../relation-check.js';
import { applyFalsifications, chooseFalsified, planFalsifications } from './falsify.js';
import { Rng } from './prng.js';
import { buildSyntheticDefinition, candidateKeys, votesLine } from './synthetic-form.js';
import type { TFalsification } from './synthetic-types.js';
import { drawTrueProtocol } from './true-votes.js';

const seed = fc.integer({ min: 0, max: 0xffffffff });
const candidates = candidateKeys(3);
const relations = compileFormTemplate(buildSyntheticDefinition(1, 3)).relations;
const statuses = (values: Record<string, number>) => checkRelations(relations, values).map((c) => c.status);

const truth: Readonly<Record<string, number>> = Object.freeze({
  voters_on_list: 1000,
  received: 950,
  issued_early: 200,
  issued_home: 20,
  issued_day: 380,
  took_part: 600,
  votes_cand_a: 300,
  votes_cand_b: 200,
  votes_cand_c: 60,
  against_all: 25,
  invalid: 15,
  unused: 350,
});

describe('applyFalsifications', () => {
  it.each<[string, TFalsification[], Record<string, number>]>([
    ['nothing', [], {}],
    ['substitution alone', [{ kind: 'substituted_protocol' }], {}],
    [
      'moved votes',
      [{ kind: 'moved_votes', from: 'cand_b', to: 'cand_a', votes: 50 }],
      { votes_cand_b: -50, votes_cand_a: 50 },
    ],
    [
      'stuffing',
      [{ kind: 'stuffing', to: 'cand_a', ballots: 40 }],
      { votes_cand_a: 40, took_part: 40, issued_day: 40, unused: -40 },
    ],
    ['a slip', [{ kind: 'arithmetic_slip', line: 'invalid', delta: -3 }], { invalid: -3 }],
    [
      'all of them',
      [
        { kind: 'moved_votes', from: 'cand_c', to: 'cand_a', votes: 10 },
        { kind: 'stuffing', to: 'cand_a', ballots: 5 },
        { kind: 'arithmetic_slip', line: 'took_part', delta: 2 },
        { kind: 'substituted_protocol' },
      ],
      { votes_cand_c: -10, votes_cand_a: 15, took_part: 7, issued_day: 5, unused: -5 },
    ],
  ])('%s changes exactly the expected lines', (_, falsifications, diff) => {
    const official = applyFalsifications(truth, falsifications);
    const expected = Object.fromEntries(Object.entries(truth).map(([k, v]) => [k, v + (diff[k] ?? 0)]));
    expect(official).toEqual(expected);
    expect(truth['took_part']).toBe(600); // the truth is not touched
  });

  it('keeps every relation under moved votes and stuffing, breaks one under a slip', () => {
    const moved = applyFalsifications(truth, [{ kind: 'moved_votes', from: 'cand_b', to: 'cand_a', votes: 50 }]);
    const stuffed = applyFalsifications(truth, [{ kind: 'stuffing', to: 'cand_a', ballots: 40 }]);
    const slipped = applyFalsifications(truth, [{ kind: 'arithmetic_slip', line: 'unused', delta: 4 }]);
    expect(statuses(moved)).toEqual(['holds', 'holds', 'holds', 'holds']);
    expect(statuses(stuffed)).toEqual(['holds', 'holds', 'holds', 'holds']);
    expect(statuses(slipped)).toContain('broken');
  });
});

describe('planFalsifications', () => {
  const station = fc.record({
    seed,
    voters: fc.integer({ min: 300, max: 3000 }),
    shares: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
  });

  it('forges the official result in the way the plan says, and only that way', () => {
    fc.assert(
      fc.property(station, ({ seed: s, voters, shares }) => {
        const rng = new Rng(s);
        const total = shares.reduce((a, x) => a + x, 0);
        const real = drawTrueProtocol(
          rng,
          voters,
          shares.map((x) => x / total),
          candidates,
        );
        const plan = planFalsifications(rng, real, candidates, 'cand_a');
        const kinds = plan.map((f) => f.kind);
        expect(new Set(kinds).size).toBe(kinds.length);
        expect(kinds.some((k) => k !== 'substituted_protocol')).toBe(true);
        const official = applyFalsifications(real, plan);
        expect(official).not.toEqual(real);
        expect(Object.values(official).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
        for (const f of plan) {
          if (f.kind === 'moved_votes') {
            expect(f.to).toBe('cand_a');
            expect(f.votes).toBeGreaterThan(0);
            expect(official[votesLine(f.from)]).toBe((real[votesLine(f.from)] ?? 0) - f.votes);
          }
          if (f.kind === 'stuffing') {
            expect(f.ballots).toBeGreaterThan(0);
            expect(official['took_part']).toBeLessThanOrEqual(official['voters_on_list'] ?? 0);
          }
        }
        const broken = statuses(official).includes('broken');
        expect(broken).toBe(kinds.includes('arithmetic_slip'));
      }),
    );
  });

  it('falls back to a slip when there is neither an opposition vote to move nor room to stuff', () => {
    const lonely = { ...truth, votes_cand_a: 560, votes_cand_b: 0, votes_cand_c: 0, voters_on_list: 600 };
    const plan = planFalsifications(new Rng(1), lonely, candidates, 'cand_a');
    expect(plan.filter((f) => f.kind !== 'substituted_protocol').map((f) => f.kind)).toEqual(['arithmetic_slip']);
  });
});

describe('chooseFalsified', () => {
  it('marks exactly round(share · n) stations', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 1, noNaN: true }), (s, n, share) => {
        const chosen = chooseFalsified(new Rng(s), n, share);
        expect(chosen.reduce((a, x) => a + x, 0)).toBe(Math.round(share * n));
      }),
    );
  });
});
