import { describe, expect, it } from 'vitest';
import { compareStation } from './compare-station.js';
import { form, policy, sample, station, summary } from './engine-test-kit.js';
import type { TArrival, TPolicy, TStationEvidence, TSybilRun } from './engine-types.js';
import { findSybilSignal } from './sybil-signal.js';

const t0 = Date.parse('2026-08-09T08:00:00Z');
const min = 60_000;
const official = sample.votes_karpovich!; // 27

/** `n` new voters (first seen as they report) `every` minutes apart from `start` minutes. */
function fresh(n: number, start: number, every: number, kind: TArrival['kind'] = 'telegram_contact'): TArrival[] {
  return Array.from({ length: n }, (_, i) => {
    const at = t0 + (start + i * every) * min;
    return { at, firstSeen: at, kind };
  });
}

/** 30 verified voters for karpovich: proof by 3 votes, unless something holds it. */
function crowd(arrivals: TArrival[], more: Partial<TStationEvidence> = {}): TStationEvidence {
  return station({
    selfReports: [{ candidate: 'karpovich', verified: official + 3, unverified: 0 }],
    arrivals,
    ...more,
  });
}

function runsOf(evidence: TStationEvidence, p: TPolicy = policy) {
  const found = findSybilSignal(evidence, p);
  const e = found?.finding.evidence;
  return e?.kind === 'sybil_signal' ? { bursts: e.bursts, floods: e.floods, holds: found!.holds } : null;
}

describe('sybil signals', () => {
  it('holds the crowd proof of a station whose crowd came in one burst of new identities', () => {
    const held = compareStation(form, crowd(fresh(30, 0, 0.2)), policy);
    expect(summary(held)).toEqual([
      'crowd_exceeds_official strong karpovich',
      'sybil_signal signal',
      // Held, the crowd decides nothing: the station page says what else would.
      'insufficient_evidence info',
    ]);
    expect(held[0]!.minStolenVotes).toBeNull();
    expect(held[0]!.evidence).toMatchObject({ heldForReview: true, verified: 30, gap: 3 });
    expect(held[1]!.evidence).toEqual({
      kind: 'sybil_signal',
      bursts: [{ from: iso(0), to: iso(29 * 0.2), reports: 30, stationReports: 30 }],
      floods: [],
    });
  });

  it('leaves a crowd that arrived over the day alone, and so the proof stands', () => {
    const evidence = crowd(fresh(30, 0, 20));
    expect(runsOf(evidence)).toBeNull();
    const findings = compareStation(form, evidence, policy);
    expect(summary(findings)).toEqual(['crowd_exceeds_official proof karpovich']);
    expect(findings[0]!.minStolenVotes).toBe(3);
  });

  it('counts only identities seen for the first time minutes before', () => {
    // Voters known for hours who move to this station in a burst are no new identities.
    const moved = fresh(30, 0, 0.1).map((a) => ({ ...a, firstSeen: a.at - 3 * 60 * min }));
    expect(runsOf(crowd(moved))).toBeNull();
    const justOverAnHour = fresh(30, 0, 0.1).map((a) => ({ ...a, firstSeen: a.at - 61 * min }));
    expect(runsOf(crowd(justOverAnHour))).toBeNull();
  });

  it('needs the burst to be half the station’s crowd by its end, and at least burstReports', () => {
    const earlier = fresh(20, 0, 20).map((a) => ({ ...a, firstSeen: a.at - 3 * 60 * min }));
    // 20 known voters, then 19 new ones at once: 19 < 0.5 × 39.
    expect(runsOf(crowd([...earlier, ...fresh(19, 500, 0.1)]))).toBeNull();
    // 20 new ones: 20 ≥ 0.5 × 40.
    expect(runsOf(crowd([...earlier, ...fresh(20, 500, 0.1)]))?.bursts).toEqual([
      { from: iso(500), to: iso(500 + 19 * 0.1), reports: 20, stationReports: 40 },
    ]);
    expect(runsOf(crowd(fresh(4, 0, 1)))).toBeNull();
    expect(runsOf(crowd(fresh(5, 0, 1)))?.bursts).toHaveLength(1);
  });

  it('names each burst as a run of its own, and merges the windows of one burst', () => {
    // A later wave is a burst only if it is half the station's crowd by its end in turn.
    const runs = runsOf(crowd([...fresh(8, 0, 2), ...fresh(6, 600, 2), ...fresh(20, 900, 0.2)]));
    expect(runs?.bursts.map((b) => [b.from, b.to, b.reports, b.stationReports])).toEqual([
      [iso(0), iso(14), 8, 8],
      [iso(900), iso(900 + 19 * 0.2), 20, 34],
    ]);
  });

  it('signals a flood of identity kinds the policy does not verify', () => {
    const verified = fresh(10, 0, 30).map((a) => ({ ...a, firstSeen: a.at - 3 * 60 * min }));
    const runs = runsOf(crowd([...verified, ...fresh(12, 400, 0.5, 'claimed_bot')]));
    expect(runs?.floods).toEqual([{ from: iso(400), to: iso(405.5), reports: 12, stationReports: 22 }]);
    // The same claims spread over hours dominate nothing suddenly.
    expect(runsOf(crowd([...verified, ...fresh(12, 400, 30, 'claimed_bot')]))).toBeNull();
  });

  it('is released by an analyst’s dismissal of exactly these runs, and held again by a new one', () => {
    const arrivals = fresh(30, 0, 0.2);
    const seen = runsOf(crowd(arrivals))!;
    const dismissed = { decision: 'dismiss' as const, bursts: seen.bursts, floods: seen.floods };
    const released = compareStation(form, crowd(arrivals, { sybilReview: dismissed }), policy);
    expect(summary(released)).toEqual(['crowd_exceeds_official proof karpovich', 'sybil_signal signal']);
    expect(released[0]!.minStolenVotes).toBe(3);

    const confirmed = { ...dismissed, decision: 'confirm' as const };
    expect(runsOf(crowd(arrivals, { sybilReview: confirmed }))?.holds).toBe(true);
    const more = [...arrivals, ...fresh(40, 300, 0.2)];
    expect(runsOf(crowd(more, { sybilReview: dismissed }))?.holds).toBe(true);
  });

  it('holds only our own reports: a trusted partner’s count did not arrive here', () => {
    const evidence = crowd(fresh(30, 0, 0.2), {
      partners: [{ source: 'golos', candidate: 'karpovich', verified: official + 2, unverified: 0 }],
    });
    const findings = compareStation(form, evidence, policy);
    expect(findings[0]).toMatchObject({ strength: 'proof', minStolenVotes: 2, evidence: { source: 'golos' } });
  });

  it('is off when the policy sets the counts to 0', () => {
    const off: TPolicy = { ...policy, sybil: { ...policy.sybil, burstReports: 0, unverifiedReports: 0 } };
    expect(runsOf(crowd(fresh(30, 0, 0.2, 'claimed_bot')), off)).toBeNull();
  });

  it('gives the same runs in any order of arrival', () => {
    const arrivals = [...fresh(8, 0, 2), ...fresh(12, 400, 0.5, 'claimed_bot'), ...fresh(3, 900, 60)];
    const reversed = [...arrivals].reverse();
    expect(runsOf(crowd(reversed))).toEqual(runsOf(crowd(arrivals)));
  });
});

function iso(minutes: number): TSybilRun['from'] {
  return new Date(t0 + minutes * min).toISOString();
}
