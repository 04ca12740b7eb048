import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../support/accounts.js';
import { waitForBallotPrints } from '../../support/ballot-checks.js';
import { electionCode } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { issueCodes } from '../../support/invitation-codes.js';
import { multipart } from '../../support/multipart.js';
import { setupElection } from '../../support/pipeline.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// The ballot-check queue (issue 13): two independent checkers must agree that a ballot photo
// shows a vote for the report's candidate, a third breaks a tie, nobody checks a photo twice,
// and a check is never edited. The same rules as double entry.
let api: TTestApi;
const people: Record<string, { id: number; cookie: string }> = {};
const photos: Record<string, string> = {}; // voter's candidate → ballot photo id, in order sent

beforeAll(async () => {
  // The in-process worker compares the ballot photos (a photo counts only once it has).
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 4); // 0001, 0003 in Minsk; 0002, 0004 in Brest
  const minsk = [{ election: electionCode, region: 'Minsk' }];
  for (const name of ['ales', 'bazhena', 'ciryl', 'danuta'])
    people[name] = await createUser(api, name, 'digitizer', minsk);
  people.brest = await createUser(api, 'brest-only', 'digitizer', [{ election: electionCode, region: 'Brest' }]);
  const codes = await issueCodes(api, 3);
  for (const [i, candidate] of ['adamovich', 'barysevich', 'hrynevich'].entries()) {
    photos[candidate] = await send({ voterKind: 'code', voterToken: codes[i]!, candidate }, 300 + i);
  }
  // A typed phone number is a claim: its ballot would prove nothing, so nobody is asked to look.
  await send({ voterKind: 'phone', voterToken: '+375291234000', candidate: 'adamovich' }, 399);
  await waitForBallotPrints(api);
});
afterAll(async () => api?.close());

async function send(fields: Record<string, string>, seed: number): Promise<string> {
  const data = await jpegWithGps(seed, { width: 64, height: 48 });
  const res = await api.app.inject({
    method: 'POST',
    url: `/v1/elections/${electionCode}/self-reports/form`,
    ...multipart({ station: '0001', ...fields }, [
      { field: 'ballot', filename: 'b.jpg', contentType: 'image/jpeg', data },
    ]),
  });
  expect(res.statusCode).toBe(201);
  const row = await api.database.db
    .selectFrom('ballot_photo')
    .select('id')
    .where('sha256', '=', res.json().ballotPhoto.sha256)
    .executeTakeFirstOrThrow();
  return row.id;
}

const next = async (who: string) =>
  (
    await api.app.inject({
      method: 'GET',
      url: `/v1/checks/elections/${electionCode}/next`,
      headers: { cookie: people[who]!.cookie },
    })
  ).json().photo?.id as string | undefined;
const check = (who: string, photo: string, body: Record<string, unknown>) =>
  api.app.inject({
    method: 'POST',
    url: `/v1/checks/ballots/${photo}`,
    headers: { cookie: people[who]!.cookie },
    payload: { isBallot: true, problems: [], ...body },
  });
const verifiedAt0001 = async () => {
  const view = await api.app.inject({
    method: 'GET',
    url: `/v1/review/elections/${electionCode}/stations/0001`,
    headers: adminHeaders,
  });
  return view.json().selfReports as { candidate: string; verified: number; total: number }[];
};

describe('the ballot-check queue', () => {
  it("offers a voter's ballot photo, never a claim's, and never the report's candidate or station", async () => {
    const res = await api.app.inject({
      method: 'GET',
      url: `/v1/checks/elections/${electionCode}/next`,
      headers: { cookie: people.ales!.cookie },
    });
    const body = res.json();
    expect(body.photo.id).toBe(photos.adamovich);
    expect(Object.keys(body.photo).sort()).toEqual(['checks', 'id', 'imageUrl']);
    expect(body.candidates.map((c: { key: string }) => c.key)).toContain('adamovich');
    const image = await api.app.inject({
      method: 'GET',
      url: body.photo.imageUrl,
      headers: { cookie: people.ales!.cookie },
    });
    expect(image.statusCode).toBe(200);
    expect(image.headers['cache-control']).toBe('private, no-store');
    expect(image.headers['content-type']).toBe('image/jpeg');
    // Out of region reads as missing; nobody anonymous sees a ballot.
    expect(await next('brest')).toBeUndefined();
    const outside = await api.app.inject({
      method: 'GET',
      url: body.photo.imageUrl,
      headers: { cookie: people.brest!.cookie },
    });
    expect(outside.statusCode).toBe(404);
    expect((await check('brest', photos.adamovich!, { candidate: 'adamovich' })).statusCode).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: body.photo.imageUrl })).statusCode).toBe(401);
  });

  it('two who agree settle a photo, and only then the report counts as verified', async () => {
    const photo = photos.adamovich!;
    const first = await check('ales', photo, { candidate: 'adamovich' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ checks: 1, settled: false });
    expect(await verifiedAt0001()).toContainEqual(expect.objectContaining({ candidate: 'adamovich', verified: 0 }));
    // Nobody checks the same photo twice, and the queue moves on for them.
    const twice = await check('ales', photo, { candidate: 'barysevich' });
    expect(twice.statusCode).toBe(409);
    expect(await next('ales')).not.toBe(photo);
    // The second checker is offered the photo others began first.
    expect(await next('bazhena')).toBe(photo);
    const second = await check('bazhena', photo, { candidate: 'adamovich', problems: ['face_or_hand'] });
    expect(second.json()).toEqual({
      checks: 2,
      settled: true,
      agreement: { verdict: 'ballot', candidate: 'adamovich', votes: 2 },
    });
    expect(await verifiedAt0001()).toContainEqual(expect.objectContaining({ candidate: 'adamovich', verified: 1 }));
    // Settled: it leaves the queue and takes no more checks.
    expect(await next('ciryl')).not.toBe(photo);
    expect((await check('ciryl', photo, { candidate: 'adamovich' })).statusCode).toBe(409);
  });

  it("a third breaks a tie; a candidate other than the report's verifies nothing", async () => {
    const photo = photos.barysevich!;
    expect((await check('ales', photo, { candidate: 'barysevich' })).json().agreement).toMatchObject({ votes: 1 });
    const tie = await check('bazhena', photo, { candidate: 'dubovik' });
    expect(tie.json()).toMatchObject({ checks: 2, settled: false, agreement: null });
    const third = await check('ciryl', photo, { candidate: 'dubovik' });
    expect(third.json()).toEqual({
      checks: 3,
      settled: true,
      agreement: { verdict: 'ballot', candidate: 'dubovik', votes: 2 },
    });
    // The voter said barysevich, the checkers saw dubovik: the report stays unverified.
    expect(await verifiedAt0001()).toContainEqual(expect.objectContaining({ candidate: 'barysevich', verified: 0 }));
  });

  it('three different answers leave a photo disputed and out of the queue', async () => {
    const photo = photos.hrynevich!;
    await check('ales', photo, { candidate: 'hrynevich' });
    await check('bazhena', photo, { isBallot: false, candidate: null });
    const third = await check('ciryl', photo, { candidate: 'karpovich' });
    expect(third.json()).toEqual({ checks: 3, settled: true, agreement: null });
    expect(await next('danuta')).toBeUndefined();
    expect(await verifiedAt0001()).toContainEqual(expect.objectContaining({ candidate: 'hrynevich', verified: 0 }));
  });

  it('refuses an answer that names no candidate of the election, and writes nothing', async () => {
    const before = await api.database.db.selectFrom('ballot_check').select('id').execute();
    const bad = await check('danuta', photos.adamovich!, { candidate: 'nobody' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'candidate' });
    const unknown = await api.app.inject({
      method: 'POST',
      url: `/v1/checks/ballots/${photos.adamovich}`,
      headers: { cookie: people.danuta!.cookie },
      payload: { isBallot: 'maybe' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(await api.database.db.selectFrom('ballot_check').select('id').execute()).toHaveLength(before.length);
  });

  it('never lets a check be edited or deleted, even by someone with the database', async () => {
    const db = api.database.db;
    await expect(sql`update ballot_check set candidate_id = null`.execute(db)).rejects.toThrow(/never edited/);
    await expect(sql`delete from ballot_check`.execute(db)).rejects.toThrow(/never edited or deleted/);
    const audit = await db.selectFrom('audit_log').select('subject').where('action', '=', 'ballot.check').execute();
    expect(audit).toHaveLength(8); // 2 + 3 + 3 checks above, each audited
  });
});
