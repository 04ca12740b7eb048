import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBallotPhoto } from '../../../apps/api/src/demo/ballot-photo.js';
import { electionCode, officialCsv } from '../../support/election-fixture.js';
import { multipart } from '../../support/multipart.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { checkAllBallots } from '../../support/ballot-checks.js';
import { issueCodes } from '../../support/invitation-codes.js';
import { dismissSybilSignals } from '../../support/sybil-reviews.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// A small fixture election with one station of each kind of finding, and its report as
// published. The file is the contract: a change to it is a change to what journalists get.
// Regenerate deliberately with UPDATE_GOLDEN=1 and read the diff.
const goldenFile = new URL('../../golden/report.csv', import.meta.url);
let api: TTestApi;
const codes = ['0001', '0002', '0003', '0004', '0005', '0006'];

beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 6);
  const publish = (adjust: (code: string, v: Record<string, number>) => void) =>
    api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/official`,
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: officialCsv(codes, adjust),
    });
  await publish((code, v) => {
    if (code === '0002' || code === '0003') moveVotes(v, 'votes_adamovich', 3);
    if (code === '0005') v.invalid! += 7; // breaks took_part = sum(candidates) + against_all + invalid
  });
  // A revision of 0006 after first publication.
  await publish((code, v) => {
    if (code === '0002' || code === '0003') moveVotes(v, 'votes_adamovich', 3);
    if (code === '0005') v.invalid! += 7;
    if (code === '0006') moveVotes(v, 'votes_hrynevich', 60);
  });
  // Voters identified by invitation codes the organisers issued (the default policy verifies them).
  const voters = await issueCodes(api, 12);
  // 0002: seven verified voters for adamovich (official 3): proof, at least 4 votes taken.
  for (let i = 0; i < 7; i += 1) await report('0002', 'adamovich', voters[i]!, `g2-${i}`);
  // 0003: three verified and two unverified (official 3): a signal resting on counts below k,
  // so withheld from publication whole (its row is absent): no arithmetic can give them back.
  for (let i = 0; i < 3; i += 1) await report('0003', 'adamovich', voters[7 + i]!, `g3-${i}`);
  for (let i = 3; i < 5; i += 1) await report('0003', 'adamovich', voters[7 + i]!, null);
  // 0004: its protocol, photographed and read from the QR, shows 50 votes that the published
  // numbers moved from barysevich to dubovik (both protocols add up).
  const published = official('0004');
  const photographed = {
    ...published,
    votes_barysevich: published.votes_barysevich! + 50,
    votes_dubovik: published.votes_dubovik! - 50,
  };
  await insertReading('0004', 'golden-photo-0004', photographed);
  await insertReading('0001', 'golden-photo-0001', official('0001'));
  // Two people check each ballot photo: the default policy counts a ballot only then.
  expect(await checkAllBallots(api)).toBe(10);
  await recomputeElection(api.app, electionCode);
  // Each station's voters came in one burst, as a fabricated crowd would: an analyst looked at
  // 0002 and 0003 and dismissed the signals (which are never published themselves).
  expect(await dismissSybilSignals(api, ['0002', '0003'])).toEqual(['0002', '0003']);
  await recomputeElection(api.app, electionCode);
});
afterAll(async () => api?.close());

function moveVotes(v: Record<string, number>, line: string, keep: number) {
  v.votes_dubovik! += v[line]! - keep;
  v[line] = keep;
}

function official(code: string): Record<string, number> {
  const csv = officialCsv(codes).trim().split('\n');
  const header = csv[0]!.split(',');
  const row = csv.find((l) => l.startsWith(`${code},`))!.split(',');
  return Object.fromEntries(header.slice(1).map((k, i) => [k, Number(row[i + 1])]));
}

async function report(station: string, candidate: string, voterToken: string, ballot: string | null) {
  const files = ballot
    ? [{ field: 'ballot', filename: 'b.jpg', contentType: 'image/jpeg', data: await renderBallotPhoto(ballot) }]
    : [];
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/elections/${electionCode}/self-reports/form`,
    ...multipart({ station, candidate, voterKind: 'code', voterToken }, files),
  });
  expect(res.statusCode).toBe(201);
}

async function insertReading(stationCode: string, name: string, values: Record<string, number>) {
  const db = api.database.db;
  const station = await db
    .selectFrom('station')
    .select(['id', 'election_id'])
    .where('code', '=', stationCode)
    .executeTakeFirstOrThrow();
  const sha256 = createHash('sha256').update(name).digest('hex');
  const photo = await db
    .insertInto('protocol_photo')
    .values({
      election_id: station.election_id,
      station_id: station.id,
      sha256,
      mime: 'image/jpeg',
      bytes: 1,
      width: 1,
      height: 1,
      orientation: 1,
      status: 'read',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('reading')
    .values({
      photo_id: photo.id,
      method: 'qr',
      reader: 'qr:crosstally-v1',
      station_code_read: stationCode,
      line_values: JSON.stringify(values),
      confidence: 1,
    })
    .execute();
}

describe('the discrepancy report of the fixture election', () => {
  it('is byte for byte the golden CSV', async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/elections/${electionCode}/report.csv`,
      headers: adminHeaders,
    });
    expect(res.statusCode).toBe(200);
    if (process.env.UPDATE_GOLDEN === '1') await writeFile(goldenFile, res.body);
    const golden = await readFile(goldenFile, 'utf8');
    expect(res.body).toBe(golden);
  });
});
