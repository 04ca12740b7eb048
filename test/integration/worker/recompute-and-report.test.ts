import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode, officialCsv } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { multipart } from '../../support/multipart.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { checkAllBallots } from '../../support/ballot-checks.js';
import { issueCodes } from '../../support/invitation-codes.js';
import { dismissSybilSignals } from '../../support/sybil-reviews.js';
import { setupElection, spawnWorker, startRelay } from '../../support/pipeline.js';
import { stopProcess, waitUntil } from '../../support/processes.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
let relay: Awaited<ReturnType<typeof startRelay>>;
let worker: ReturnType<typeof spawnWorker>;
const codes = ['0001', '0002', '0003', '0004', '0005'];

beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 5);
  relay = await startRelay(api);
  worker = spawnWorker(api);
});
afterAll(async () => {
  if (worker) await stopProcess(worker);
  await relay?.stop();
  await api?.close();
});

const csvHeaders = { ...adminHeaders, 'content-type': 'text/csv' };
async function publish(adamovichAt0001: number) {
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: csvHeaders,
    payload: officialCsv(codes, (code, v) => {
      if (code !== '0001') return;
      const delta = v.votes_adamovich! - adamovichAt0001;
      v.votes_adamovich = adamovichAt0001;
      v.votes_dubovik! += delta; // moved to another candidate: the arithmetic still holds
    }),
  });
  expect(res.statusCode).toBe(200);
}

async function reportVerified(voterToken: string, seed: number) {
  const body = multipart({ station: '0001', candidate: 'adamovich', voterKind: 'code', voterToken }, [
    {
      field: 'ballot',
      filename: 'b.jpg',
      contentType: 'image/jpeg',
      data: await jpegWithGps(seed, { width: 64, height: 48 }),
    },
  ]);
  const res = await api.app.inject({ method: 'POST', url: `/v1/elections/${electionCode}/self-reports/form`, ...body });
  expect(res.statusCode).toBe(201);
}

const openFlags = () =>
  api.database.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select([
      'station.code',
      'flag.kind',
      'flag.strength',
      'flag.min_stolen_votes',
      'flag.updated_at',
      'flag.cleared_at',
    ])
    .where('flag.strength', '<>', 'info')
    .execute();

describe('flags from evidence, and the report', () => {
  it('proves crowd > official once enough verified voters report, and the report shows it', async () => {
    await publish(3);
    // Voters with invitation codes the organisers issued: identities the default policy verifies.
    const voters = await issueCodes(api, 8);
    for (let i = 0; i < 8; i += 1) await reportVerified(voters[i]!, 500 + i);
    expect(await checkAllBallots(api)).toBe(8);
    // Eight new voters within a second is how a fabricated crowd arrives: the proof waits for
    // an analyst, who looks and dismisses the signal.
    await waitUntil(
      async () => (await openFlags()).some((f) => f.kind === 'crowd_exceeds_official' && f.strength === 'strong'),
      30_000,
      100,
    );
    expect((await openFlags()).find((f) => f.kind === 'crowd_exceeds_official')).toMatchObject({
      code: '0001',
      min_stolen_votes: null,
    });
    expect(await dismissSybilSignals(api, ['0001'])).toEqual(['0001']);
    await waitUntil(
      async () => (await openFlags()).some((f) => f.kind === 'crowd_exceeds_official' && f.min_stolen_votes === 5),
      30_000,
      100,
    );
    const flag = (await openFlags()).find((f) => f.kind === 'crowd_exceeds_official')!;
    expect(flag).toMatchObject({ code: '0001', strength: 'proof', min_stolen_votes: 5, cleared_at: null });

    const csv = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.csv`,
      headers: adminHeaders,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = csv.body.trimEnd().split('\r\n');
    expect(rows).toHaveLength(1);
    const record = Object.fromEntries(header!.split(',').map((h, i) => [h, rows[0]!.split(',')[i]]));
    expect(record).toMatchObject({
      station: '0001',
      kinds: 'crowd_exceeds_official',
      strength: 'proof',
      min_stolen_votes: '5',
      official_votes_adamovich: '3',
      reports_verified_adamovich: '8',
      sources: 'self_reports',
    });

    const json = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.json?strength=proof`,
      headers: adminHeaders,
    });
    const report = json.json();
    expect(report.method.policy.id).toBe('golos-2020/4');
    expect(report.officialData.imports).toHaveLength(1);
    expect(report.stations[0].findings[0].evidence).toMatchObject({
      source: 'self_reports',
      verified: 8,
      official: 3,
      gap: 5,
    });
    const none = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.csv?region=Nowhere`,
      headers: adminHeaders,
    });
    expect(none.body.trimEnd().split('\r\n')).toHaveLength(1);
    const summary = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/summary`,
      headers: adminHeaders,
    });
    expect(summary.json().regions).toContainEqual({
      region: 'Minsk',
      kind: 'crowd_exceeds_official',
      strength: 'proof',
      stations: 1,
      minStolenVotes: 5,
    });
  });

  it('a recompute with the same evidence rewrites nothing; a revision that explains the gap clears the flag', async () => {
    const before = await openFlags();
    const full = await recomputeElection(api.app, electionCode);
    expect(full).toMatchObject({ stations: 5, written: 0, cleared: 0 });
    expect(await openFlags()).toEqual(before);

    await publish(9);
    await waitUntil(
      async () => (await openFlags()).some((f) => f.kind === 'crowd_exceeds_official' && f.cleared_at !== null),
      30_000,
      100,
    );
    const flags = await openFlags();
    expect(flags.find((f) => f.kind === 'crowd_exceeds_official')!.cleared_at).not.toBeNull();
    // The revision itself is a signal, with both versions.
    expect(flags.find((f) => f.kind === 'official_revised' && f.cleared_at === null)).toMatchObject({
      code: '0001',
      strength: 'signal',
    });
    const csv = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.csv?kind=crowd_exceeds_official`,
      headers: adminHeaders,
    });
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(1);
  });
});
