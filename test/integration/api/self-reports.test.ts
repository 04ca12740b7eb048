import { readFile } from 'node:fs/promises';
import { translate } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';
import { election, electionCode, stationsCsv } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { multipart } from '../../support/multipart.js';

let api: TTestApi;
const url = `/v1/elections/${electionCode}/self-reports`;

beforeAll(async () => {
  api = await createTestApi();
  await api.app.inject({ method: 'POST', url: '/v1/admin/elections', headers: adminHeaders, payload: election });
  await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: stationsCsv(5),
  });
});
afterAll(async () => api?.close());

const report = (body: Record<string, unknown>) => api.app.inject({ method: 'POST', url, payload: body });

describe('self-reports', () => {
  it('records a report, and a second one by the same voter replaces it, answered as any claim', async () => {
    const first = await report({
      station: '0001',
      candidate: 'adamovich',
      voterKind: 'phone',
      voterToken: '+375 29 123-45-67',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'recorded', station: '0001', candidate: 'adamovich' });
    // Same number typed differently is the same voter.
    const second = await report({
      station: '0002',
      candidate: 'dubovik',
      voterKind: 'phone',
      voterToken: '+375291234567',
    });
    // A typed number is anyone's to type: the answer does not say that it was seen before.
    expect(second.statusCode).toBe(201);
    expect(second.json().status).toBe('recorded');
    expect(second.json().message).not.toContain('replaced');
    const rows = await api.database.db.selectFrom('self_report').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.revision).toBe(2);
  });

  it('never stores the token: only a 32-byte keyed hash, and the secret file is 0600', async () => {
    await report({ station: '0003', candidate: 'karpovich', voterKind: 'bot', voterToken: 'telegram:987654321' });
    const dump = JSON.stringify(await api.database.db.selectFrom('self_report').selectAll().execute());
    expect(dump).not.toContain('987654321');
    expect(dump).not.toContain('375291234567');
    const hashes = await api.database.db.selectFrom('self_report').select('voter_hash').execute();
    for (const h of hashes) expect(h.voter_hash).toHaveLength(32);
    const { stat } = await import('node:fs/promises');
    expect((await stat(api.config.secretFile)).mode & 0o777).toBe(0o600);
    expect((await readFile(api.config.secretFile, 'utf8')).trim().length).toBeGreaterThan(40);
  });

  it('answers 404 for an unknown station, 400 for an unknown candidate or a bad token', async () => {
    const station = await report({
      station: '9999',
      candidate: 'adamovich',
      voterKind: 'code',
      voterToken: 'ABC-123456',
    });
    expect(station.statusCode).toBe(404);
    expect(station.json()).toMatchObject({ field: 'station', messageKey: 'station.notFound' });
    const candidate = await report({
      station: '0001',
      candidate: 'nobody',
      voterKind: 'code',
      voterToken: 'ABC-123456',
    });
    expect(candidate.statusCode).toBe(400);
    expect(candidate.json()).toMatchObject({ field: 'candidate', messageKey: 'candidate.notFound' });
    const token = await report({ station: '0001', candidate: 'adamovich', voterKind: 'phone', voterToken: 'call me' });
    expect(token.statusCode).toBe(400);
    expect(token.json()).toMatchObject({ field: 'voterToken', messageKey: 'voterToken.phone' });
    const missing = await report({ station: '0001', voterKind: 'phone', voterToken: '+375291234567' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toContain('body.candidate');
  });

  it('answers malformed JSON with 400 and stores nothing', async () => {
    const before = (await api.database.db.selectFrom('self_report').select('id').execute()).length;
    const res = await api.app.inject({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      payload: '{"station": "0001", ',
    });
    expect(res.statusCode).toBe(400);
    expect((await api.database.db.selectFrom('self_report').select('id').execute()).length).toBe(before);
  });

  it('keeps one report per voter under concurrent submissions (group commit)', async () => {
    const voters = Array.from({ length: 200 }, (_, i) => `+37533${String(1000000 + i)}`);
    const results = await Promise.all(
      [...voters, ...voters].map((voterToken, i) =>
        report({ station: '0004', candidate: i % 2 ? 'barysevich' : 'hrynevich', voterKind: 'phone', voterToken }),
      ),
    );
    // Typed numbers: every answer is the same "recorded", whichever of a pair came first.
    expect(results.every((r) => r.statusCode === 201 && r.json().status === 'recorded')).toBe(true);
    const rows = await api.database.db
      .selectFrom('self_report')
      .select('id')
      .where(
        'station_id',
        '=',
        (await api.database.db.selectFrom('station').select('id').where('code', '=', '0004').executeTakeFirstOrThrow())
          .id,
      )
      .execute();
    expect(rows).toHaveLength(200);
  });

  it('takes a ballot photo with a form post, stripped and content-addressed', async () => {
    const photo = await jpegWithGps(7);
    const body = multipart(
      { station: '0005', candidate: 'adamovich', voterKind: 'code', voterToken: 'one-time-777777' },
      [{ field: 'ballot', filename: 'ballot.jpg', contentType: 'image/jpeg', data: photo }],
    );
    const res = await api.app.inject({ method: 'POST', url: `${url}/form`, ...body });
    expect(res.statusCode).toBe(201);
    const { ballotPhoto } = res.json();
    expect(ballotPhoto.known).toBe(false);
    const stored = await readFile(api.deps.store.pathFor('ballot', ballotPhoto.sha256, 'image/jpeg'));
    expect(stored.includes(Buffer.from('PhoneMakerX'))).toBe(false);
    const row = await api.database.db
      .selectFrom('self_report')
      .innerJoin('ballot_photo', 'ballot_photo.id', 'self_report.ballot_photo_id')
      .select('ballot_photo.sha256')
      .executeTakeFirstOrThrow();
    expect(row.sha256).toBe(ballotPhoto.sha256);
  });

  it('answers in the language asked for (Accept-Language or ?lang=)', async () => {
    const body = { station: '9999', candidate: 'adamovich', voterKind: 'code', voterToken: 'ABC-123456' };
    const ru = await api.app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: { 'accept-language': 'ru-RU,ru;q=0.9' },
    });
    expect(ru.json().message).toBe(`Участка 9999 на выборах ${electionCode} нет.`);
    const be = await api.app.inject({ method: 'POST', url: `${url}?lang=be`, payload: body });
    expect(be.json().message).toBe(`Участка 9999 на выбарах ${electionCode} няма.`);
    const ok = await api.app.inject({
      method: 'POST',
      url: `${url}?lang=be`,
      payload: { ...body, station: '0001', voterToken: 'LANG-TEST-1' },
    });
    // A code nobody issued is a claim, and the answer says so.
    expect(ok.json().message).toBe(`Ваша паведамленне запісана. ${translate({ key: 'selfReport.claimOnly' }, 'be')}`);
  });

  it('a ballot photo sent by a second voter is shared for good, even after the first changed their report', async () => {
    const photo = await jpegWithGps(31, { width: 64, height: 48 });
    const send = (voterToken: string, candidate: string, withPhoto: boolean) =>
      api.app.inject({
        method: 'POST',
        url: `${url}/form`,
        ...multipart(
          { station: '0005', candidate, voterKind: 'code', voterToken },
          withPhoto ? [{ field: 'ballot', filename: 'b.jpg', contentType: 'image/jpeg', data: photo }] : [],
        ),
      });
    const first = await send('OWNER-000001', 'adamovich', true);
    expect(first.statusCode).toBe(201);
    const shared = async () =>
      (
        await api.database.db
          .selectFrom('ballot_photo')
          .select('shared')
          .where('sha256', '=', first.json().ballotPhoto.sha256)
          .executeTakeFirstOrThrow()
      ).shared;
    expect(await shared()).toBe(false);
    // The same voter sending it again keeps it theirs.
    expect((await send('OWNER-000001', 'adamovich', true)).statusCode).toBe(201);
    expect(await shared()).toBe(false);
    // The owner changes their report and drops the photo; a copier then sends the same photo.
    expect((await send('OWNER-000001', 'dubovik', false)).statusCode).toBe(201);
    expect((await send('COPIER-000001', 'karpovich', true)).statusCode).toBe(201);
    expect(await shared()).toBe(true);
  });
  it('counts one phone number once however it is typed, national form included where the election names its country', async () => {
    const code = 'by-phones';
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: { ...election, code, country: 'BY' },
    });
    expect(created.statusCode).toBe(201);
    await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${code}/stations`,
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: stationsCsv(2),
    });
    const statuses = [];
    for (const voterToken of ['+375 29 765-43-21', '375297654321', '00375 29 765 43 21', '8 029 765 43 21']) {
      const res = await api.app.inject({
        method: 'POST',
        url: `/v1/elections/${code}/self-reports`,
        payload: { station: '0001', candidate: 'adamovich', voterKind: 'phone', voterToken },
      });
      statuses.push(res.json().status);
    }
    expect(statuses).toEqual(['recorded', 'recorded', 'recorded', 'recorded']);
    const rows = await api.database.db
      .selectFrom('self_report')
      .innerJoin('election', 'election.id', 'self_report.election_id')
      .select('self_report.revision')
      .where('election.code', '=', code)
      .execute();
    expect(rows).toEqual([{ revision: 4 }]);
  });
});
