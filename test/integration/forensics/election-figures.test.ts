import { createHash } from 'node:crypto';
import { generateStationResults, presidentialDefinition, type TStationResult } from '@crosstally/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode, officialLineKeys } from '../../support/election-fixture.js';
import { recomputeElection, waitForPipeline } from '../../support/election-jobs.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// 300 stations of the demo form with official numbers from the forensic generator (a known
// truth): 5 % of them stuffed for the leader. Forensics must single out the stuffed stations
// as signals, keep those flags through station recomputes, and clear them when honest numbers
// replace the stuffed ones; the estimate must rest on the agreed readings and cover the
// official shares of an honest sample.
const stationCount = 300;
const codes = Array.from({ length: stationCount }, (_, i) => String(i + 1).padStart(4, '0'));
const candidateKeys = presidentialDefinition.candidates.map((c) => c.key);
let api: TTestApi;
let stuffed: Set<string>;
let honest: TStationResult[];

function protocolOf(s: TStationResult): Record<string, number> {
  const votes = Object.values(s.votes);
  const invalid = s.invalid ?? 0;
  const tookPart = votes.reduce((a, b) => a + b, 0) + invalid;
  const received = s.registered + 50;
  const values: Record<string, number> = {
    voters_on_list: s.registered,
    received,
    issued_early: 0,
    issued_home: 0,
    issued_day: tookPart,
    took_part: tookPart,
    against_all: 0,
    invalid,
    unused: received - tookPart,
  };
  candidateKeys.forEach((key, j) => (values[`votes_${key}`] = votes[j] ?? 0));
  return values;
}

function officialCsvOf(results: TStationResult[]): string {
  const rows = [['station_code', ...officialLineKeys].join(',')];
  results.forEach((s, i) => {
    const values = protocolOf(s);
    rows.push([codes[i]!, ...officialLineKeys.map((k) => String(values[k]))].join(','));
  });
  return rows.join('\n') + '\n';
}

async function importOfficial(results: TStationResult[]) {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: officialCsvOf(results),
  });
  expect(res.statusCode, res.body).toBe(200);
  // The import enqueued the forensic refresh: the workers write the signals.
  await waitForPipeline(api);
}

const openSignals = () =>
  api.deps.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select(['station.code', 'flag.strength', 'flag.evidence'])
    .where('flag.kind', '=', 'forensic_signal')
    .where('flag.cleared_at', 'is', null)
    .execute();

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, stationCount);
  const options = { seed: 11, stations: stationCount, regions: 2, candidates: 5 };
  const rigged = generateStationResults({ ...options, stuffedShare: 0.05 });
  honest = generateStationResults(options).stations;
  stuffed = new Set(rigged.truth.stuffed.map((code) => codes[rigged.stations.findIndex((s) => s.station === code)]!));
  await importOfficial(rigged.stations);
}, 120_000);
afterAll(async () => api?.close());

describe('forensic signals as flags', () => {
  it('singles out the stuffed stations, as signals with their signs, on import', async () => {
    const signals = await openSignals();
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s.strength === 'signal')).toBe(true);
    const caught = signals.filter((s) => stuffed.has(s.code)).length;
    // Mostly the right stations, and most of them.
    expect(caught / signals.length).toBeGreaterThanOrEqual(0.7);
    expect(caught / stuffed.size).toBeGreaterThanOrEqual(0.6);
    const evidence = signals[0]!.evidence as { kind: string; score: number; signs: { sign: string }[] };
    expect(evidence.kind).toBe('forensic_signal');
    expect(evidence.score).toBeGreaterThanOrEqual(3);
    expect(evidence.signs.length).toBeGreaterThan(0);
  });

  it('keeps them through a recompute of the stations, and writes nothing new when nothing changed', async () => {
    const before = await openSignals();
    const outcome = await recomputeElection(api.app, electionCode);
    expect(outcome.signalled).toBe(before.length);
    expect((await openSignals()).map((s) => s.code).sort()).toEqual(before.map((s) => s.code).sort());
  });

  it('shows the forensic summary to the report’s readers, labelled as signals', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/forensics`,
      headers: adminHeaders,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.label).toBe('signals');
    expect(body.forensics.stations.used).toBe(stationCount);
    expect(body.forensics.leader).toBe(candidateKeys[0]);
    expect(body.forensics.histograms.turnout.stations.reduce((a: number, b: number) => a + b, 0)).toBe(stationCount);
    expect(body.forensics.stationSignals.stations.length).toBe((await openSignals()).length);
  });

  it('clears them when honest numbers replace the stuffed ones', async () => {
    await importOfficial(honest);
    const left = await openSignals();
    expect(left.filter((s) => stuffed.has(s.code))).toEqual([]);
  });
});

describe('the estimate and the minimum proven theft', () => {
  it('estimates from the agreed readings of sampled stations, beside the official shares', async () => {
    // 80 stations photographed, read by QR: the same numbers as published (an honest count).
    const sampled = codes.slice(0, 80);
    for (const code of sampled) {
      const i = codes.indexOf(code);
      const station = await api.deps.db
        .selectFrom('station')
        .select('id')
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      const sha256 = createHash('sha256').update(`photo-${code}`).digest('hex');
      const photo = await api.deps.db
        .insertInto('protocol_photo')
        .values({
          election_id: sql`(select id from election where code = ${electionCode})`,
          station_id: station.id,
          sha256,
          mime: 'image/jpeg',
          bytes: 1,
          width: 1,
          height: 1,
          orientation: 1,
          status: 'read',
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      await api.deps.db
        .insertInto('reading')
        .values({
          photo_id: photo.id,
          method: 'qr',
          reader: 'test',
          station_code_read: code,
          line_values: JSON.stringify(protocolOf(honest[i]!)),
          confidence: 1,
        })
        .execute();
    }
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/estimate`,
      headers: adminHeaders,
    });
    expect(res.statusCode, res.body).toBe(200);
    const { pvt, sample } = res.json();
    expect(sample.stations).toBe(80);
    expect(pvt.label).toBe('estimate');
    expect(pvt.basis.stations).toBe(80);
    expect(pvt.warnings.join(' ')).toMatch(/self-selected/);
    const leader = pvt.national.rows.find((r: { measure: string }) => r.measure === candidateKeys[0]);
    expect(leader.ci95[0]).toBeLessThanOrEqual(leader.estimatePct);
    expect(leader.ci99[1] - leader.ci99[0]).toBeGreaterThan(leader.ci95[1] - leader.ci95[0]);
    // An honest sample of honest numbers: the official share is inside the 99 % interval.
    expect(leader.officialOutside).not.toBe(99);
    expect(pvt.biasCheck.stations).toBe(80);
  });

  it('sums the proven gaps as a lower bound, leaving out (uncounted) those the report withholds under k', async () => {
    const station = (code: string) =>
      sql<number>`(select id from station where code = ${code} and election_id = (select id from election where code = ${electionCode}))`;
    const proof = (code: string, crowd: number, gap: number) =>
      api.deps.db
        .insertInto('flag')
        .values({
          election_id: sql`(select id from election where code = ${electionCode})`,
          station_id: station(code),
          kind: 'crowd_exceeds_official',
          subject: candidateKeys[1]!,
          strength: 'proof',
          evidence: JSON.stringify({ kind: 'crowd_exceeds_official', crowd, gap }),
          evidence_sha256: `sha-${code}`,
          min_stolen_votes: gap,
          policy: 'test',
        } as never)
        .execute();
    await proof('0001', 40, 12); // Minsk
    await proof('0002', 9, 7); // Brest
    await proof('0004', 3, 2); // Brest: crowd under k = 5, withheld from the report
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/estimate`,
      headers: adminHeaders,
    });
    const theft = res.json().minimumProvenTheft;
    expect(theft.label).toBe('lower bound');
    expect(theft.national).toEqual({ [candidateKeys[1]!]: 19 });
    // How many were withheld is not said either: in a small region it would point at one.
    expect(theft).not.toHaveProperty('gapsUnderThreshold');
    expect(theft.regions.find((r: { region: string }) => r.region === 'Brest').votes).toEqual({
      [candidateKeys[1]!]: 7,
    });
  });
});
