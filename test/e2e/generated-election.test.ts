import {
  countSelfReports,
  defaultSyntheticOptions,
  generateElection,
  groundTruth,
  latestOfficial,
  votesLine,
  type TSyntheticElection,
} from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedElection } from '../../apps/api/src/demo/feed-election.js';
import { startRealPlatform, waitForQuiet, type TRealPlatform } from '../support/real-processes.js';

type TReportStation = { station: string; findings: { kind: string; strength: string; subject: string }[] };

let platform: TRealPlatform;
let election: TSyntheticElection;
let report: TReportStation[];
const admin = () => ({ authorization: `Bearer ${platform.adminToken}` });

beforeAll(async () => {
  // ~13,000 ballot comparisons, each mostly waiting on PostgreSQL and Redis: one lane takes
  // ~190 s of them here, four ~125 s.
  platform = await startRealPlatform({ BALLOT_CONCURRENCY: '4' });
  election = generateElection({
    ...defaultSyntheticOptions(7),
    stations: 80,
    falsifiedShare: 0.3,
    participation: [0.02, 0.5, 0.4, 0.35, 0.3],
    ballotPhotoShare: 0.85,
    photoShare: 0.5,
    movedShare: [0.5, 0.9],
  });
  const fed = await feedElection(election, { base: platform.base, adminToken: platform.adminToken });
  console.log(`fed: ${JSON.stringify(fed)}`);
  // Every ballot photo is compared with the others before it counts (one job each, ~13,000).
  await waitForQuiet(platform, 270_000);
  const res = await fetch(`${platform.base}/v1/elections/${election.definition.code}/report.json`, {
    headers: admin(),
  });
  report = ((await res.json()) as { stations: TReportStation[] }).stations;
});
afterAll(async () => platform?.stop());

describe('a generated election driven through HTTP, checked against its ground truth', () => {
  it('accuses no honest station, and finds every falsification its evidence can show', () => {
    const truth = groundTruth(election);
    const crowd = countSelfReports(election.selfReports);
    const photographed = new Set(election.photos.map((p) => p.station));
    const flagged = new Map(report.map((r) => [r.station, r.findings]));

    // No false accusation: proof and strong findings only where the station was falsified.
    for (const [code, findings] of flagged) {
      for (const f of findings.filter((x) => x.strength === 'proof' || x.strength === 'strong')) {
        const t = truth.get(code)!;
        expect(t.falsified, `${code}: ${f.kind} ${f.strength} on an honest station`).toBe(true);
        if (f.kind === 'crowd_exceeds_official')
          expect(t.stolen[f.subject], `${code}: ${f.subject} was not robbed`).toBeGreaterThan(0);
      }
    }

    const table = { falsified: 0, flagged: 0, missedWithEvidence: 0, noEvidence: 0 };
    const byKind: Record<string, { expected: number; found: number }> = {};
    const causes: Record<string, number> = {};
    for (const station of election.stations) {
      const t = truth.get(station.code)!;
      if (!t.falsified) continue;
      table.falsified += 1;
      const official = latestOfficial(station);
      const counts = crowd.get(station.code) ?? [];
      const crowdCan = counts.some((c) => c.verified > (official[votesLine(c.candidate)] ?? Infinity));
      const photoCan = t.protocolMismatch && photographed.has(station.code);
      const kinds = new Set(
        (flagged.get(station.code) ?? []).filter((f) => f.strength !== 'signal').map((f) => f.kind),
      );
      const expected = [
        ...(crowdCan ? ['crowd_exceeds_official'] : []),
        ...(photoCan ? ['protocol_mismatch'] : []),
        ...(t.arithmeticBroken ? ['arithmetic'] : []),
      ];
      for (const kind of expected) {
        byKind[kind] ??= { expected: 0, found: 0 };
        byKind[kind].expected += 1;
        if (kinds.has(kind)) byKind[kind].found += 1;
        expect(kinds.has(kind), `${station.code}: expected ${kind}`).toBe(true);
      }
      if (kinds.size > 0) table.flagged += 1;
      if (expected.length === 0) {
        table.noEvidence += 1;
        const cause = t.postedFalsified
          ? 'forged protocol posted, crowd too small'
          : photographed.has(station.code)
            ? 'crowd too small'
            : 'no photo, crowd too small';
        causes[cause] = (causes[cause] ?? 0) + 1;
      } else if (kinds.size === 0) table.missedWithEvidence += 1;
    }
    console.log('detection:', JSON.stringify(table));
    console.log('by kind:', JSON.stringify(byKind));
    console.log('falsified, no evidence that could show it, by cause:', JSON.stringify(causes));
    expect(table.missedWithEvidence).toBe(0);
    // Not vacuous: this election gives each kind of evidence something to find.
    for (const kind of ['crowd_exceeds_official', 'protocol_mismatch', 'arithmetic']) {
      expect(byKind[kind]?.expected ?? 0, `${kind} cases in the fixture`).toBeGreaterThan(0);
    }
  });

  it('serves the same stations in the CSV report, one row each', async () => {
    const csv = await (
      await fetch(`${platform.base}/v1/elections/${election.definition.code}/report.csv`, { headers: admin() })
    ).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(report.length + 1);
    expect(lines[0]!.startsWith('region,station,name_be,name_ru,kinds,strength,min_stolen_votes')).toBe(true);
  });
});
