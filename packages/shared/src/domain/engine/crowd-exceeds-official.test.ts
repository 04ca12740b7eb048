import { describe, expect, it } from 'vitest';
import { compareStation } from './compare-station.js';
import type { TCrowdCount, TFinding, TPartnerCount, TPolicy } from './engine-types.js';
import { form, policy, protocol, station } from './engine-test-kit.js';

// hrynevich has 38 votes in the sample protocol.
const self = (verified: number, unverified = 0, candidate = 'hrynevich'): TCrowdCount => ({
  candidate,
  verified,
  unverified,
});
const partner = (source: string, verified: number, unverified = 0, candidate = 'hrynevich'): TPartnerCount => ({
  source,
  candidate,
  verified,
  unverified,
});

type TExpected = { strength: string; minStolenVotes: number | null; source: string; crowd: number } | null;

function crowdFinding(findings: TFinding[], candidate = 'hrynevich'): TExpected {
  const f = findings.find((x) => x.kind === 'crowd_exceeds_official' && x.subject === candidate);
  if (f === undefined || f.evidence.kind !== 'crowd_exceeds_official') return null;
  return { strength: f.strength, minStolenVotes: f.minStolenVotes, source: f.evidence.source, crowd: f.evidence.crowd };
}

describe('crowd_exceeds_official', () => {
  it.each<[string, TCrowdCount[], TPartnerCount[], Partial<TPolicy>, TExpected]>([
    ['verified self-reports above official → proof', [self(40)], [], {}, proof('self_reports', 40, 2)],
    ['verified equal to official → nothing', [self(38)], [], {}, null],
    ['verified equal, one unverified more → signal', [self(38, 1)], [], {}, signal('self_reports', 39)],
    ['unverified-only excess → signal, no stolen votes', [self(0, 50)], [], {}, signal('self_reports', 50)],
    ['partner counts are never summed across sources', [self(30)], [partner('zubr', 30)], {}, null],
    ['nor across sources with unverified', [self(20, 10)], [partner('zubr', 20, 10)], {}, null],
    ['repeated rows of one source are not summed', [self(30), self(30)], [], {}, null],
    ['trusted partner → proof', [], [partner('golos', 45)], {}, proof('golos', 45, 7)],
    ['untrusted partner → strong', [], [partner('zubr', 45)], {}, strong('zubr', 45, 7)],
    [
      'tie between self-reports and a partner → self-reports',
      [self(45)],
      [partner('zubr', 45)],
      {},
      proof('self_reports', 45, 7),
    ],
    [
      'tie between partners → source name order',
      [],
      [partner('viasna', 45), partner('golos', 45)],
      {},
      proof('golos', 45, 7),
    ],
    [
      'tie between partners, untrusted name first → the trusted one proves',
      [],
      [partner('golos', 45), partner('abc', 45)],
      {},
      proof('golos', 45, 7),
    ],
    [
      'a source that proves beats a larger untrusted one',
      [self(45)],
      [partner('zubr', 50)],
      {},
      proof('self_reports', 45, 7),
    ],
    [
      'an untrusted source above official, no trusted one → strong',
      [self(30)],
      [partner('zubr', 50)],
      {},
      strong('zubr', 50, 12),
    ],
    [
      'signal rests on the source with most reports in all',
      [self(30, 20)],
      [partner('zubr', 35, 5)],
      {},
      signal('self_reports', 50),
    ],
    [
      'minGap: a verified gap below it falls back to a signal',
      [self(42, 1)],
      [],
      { minGap: 5 },
      signal('self_reports', 43),
    ],
    ['minGap: below it even with unverified → nothing', [self(42)], [], { minGap: 5 }, null],
    ['minGap: reached → proof', [self(43)], [], { minGap: 5 }, proof('self_reports', 43, 5)],
    ['minGap 0 still needs an excess', [self(38)], [], { minGap: 0 }, null],
    ['a candidate not on the form is ignored', [self(500, 0, 'nobody')], [], {}, null],
    ['a NaN count cannot accuse', [self(Number.NaN, 0)], [], {}, null],
  ])('%s', (_name, selfReports, partners, overrides, expected) => {
    const findings = compareStation(form, station({ selfReports, partners }), { ...policy, ...overrides });
    expect(crowdFinding(findings)).toEqual(expected);
    expect(findings.filter((f) => f.kind === 'crowd_exceeds_official')).toHaveLength(expected === null ? 0 : 1);
  });

  it('records the evidence: official version and count, both counts, gap, policy', () => {
    const evidence = station({
      official: [
        { version: 1, values: protocol() },
        { version: 2, values: protocol({ votes_hrynevich: 30, against_all: 104 }) },
      ],
      selfReports: [self(41, 3)],
    });
    const [finding] = compareStation(form, evidence, policy);
    expect(finding).toEqual({
      kind: 'crowd_exceeds_official',
      strength: 'proof',
      subject: 'hrynevich',
      minStolenVotes: 11,
      evidence: {
        kind: 'crowd_exceeds_official',
        candidate: 'hrynevich',
        officialVersion: 2,
        official: 30,
        source: 'self_reports',
        verified: 41,
        unverified: 3,
        crowd: 41,
        gap: 11,
      },
      policy: policy.id,
    });
  });

  it('one finding per candidate, in candidate key order', () => {
    const selfReports = [self(500, 0, 'karpovich'), self(200, 0, 'adamovich'), self(40)];
    const subjects = compareStation(form, station({ selfReports }), policy).map((f) => f.subject);
    expect(subjects).toEqual(['adamovich', 'hrynevich', 'karpovich']);
  });

  it("compares a partner's count on a line that is no candidate's (against all, invalid) like any other", () => {
    // The sample protocol: against all 96, invalid 51. "golos" is trusted, "zubr" is not.
    const partners = [partner('golos', 100, 0, 'against_all'), partner('zubr', 60, 0, 'invalid')];
    const findings = compareStation(form, station({ partners, selfReports: [self(40)] }), policy);
    expect(crowdFinding(findings, 'against_all')).toEqual(proof('golos', 100, 4));
    expect(crowdFinding(findings, 'invalid')).toEqual(strong('zubr', 60, 9));
    // In subject order, lines and candidates together.
    expect(findings.filter((f) => f.kind === 'crowd_exceeds_official').map((f) => f.subject)).toEqual([
      'against_all',
      'hrynevich',
      'invalid',
    ]);
  });

  it('no finding for a candidate whose line the official result lacks', () => {
    const evidence = station({
      official: [{ version: 1, values: protocol({ votes_hrynevich: undefined }) }],
      selfReports: [self(400)],
    });
    expect(crowdFinding(compareStation(form, evidence, policy))).toBeNull();
  });

  it('no crowd finding at all without an official result', () => {
    const findings = compareStation(form, station({ official: [], selfReports: [self(400)] }), policy);
    expect(findings.some((f) => f.kind === 'crowd_exceeds_official')).toBe(false);
  });
});

function proof(source: string, crowd: number, stolen: number): TExpected {
  return { strength: 'proof', minStolenVotes: stolen, source, crowd };
}
function strong(source: string, crowd: number, stolen: number): TExpected {
  return { strength: 'strong', minStolenVotes: stolen, source, crowd };
}
function signal(source: string, crowd: number): TExpected {
  return { strength: 'signal', minStolenVotes: null, source, crowd };
}
