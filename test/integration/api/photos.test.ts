import { readFile } from 'node:fs/promises';
import { outboxJob } from '@crosstally/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';
import { election, electionCode, stationsCsv } from '../../support/election-fixture.js';
import { decompressionBombPng, jpegWithGps } from '../../support/images.js';
import { multipart } from '../../support/multipart.js';

let api: TTestApi;
const maxBytes = 2 * 1024 * 1024;

beforeAll(async () => {
  api = await createTestApi({ MAX_PHOTO_BYTES: String(maxBytes) });
  await api.app.inject({ method: 'POST', url: '/v1/admin/elections', headers: adminHeaders, payload: election });
  await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: stationsCsv(5),
  });
});
afterAll(async () => api?.close());

function upload(station: string, data: Buffer, contentType = 'image/jpeg', field = 'photo') {
  const body = multipart({}, [{ field, filename: 'protocol.jpg', contentType, data }]);
  return api.app.inject({
    method: 'POST',
    url: `/v1/elections/${electionCode}/stations/${station}/photos`,
    ...body,
  });
}

describe('protocol photo upload', () => {
  it('accepts a JPEG (202), stores it without EXIF or GPS, and queues its job in the outbox', async () => {
    const original = await jpegWithGps(1);
    expect(original.includes(Buffer.from('PhoneMakerX'))).toBe(true);
    const res = await upload('0001', original);
    expect(res.statusCode).toBe(202);
    const body = res.json();
    expect(body).toMatchObject({ status: 'queued', known: false, statusUrl: `/v1/photos/${body.id}` });
    const stored = await readFile(api.deps.store.pathFor('protocol', body.sha256, 'image/jpeg'));
    expect(stored.includes(Buffer.from('PhoneMakerX'))).toBe(false);
    expect(stored.includes(Buffer.from('Exif'))).toBe(false);
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    // The pixels are the evidence: identical before and after stripping.
    expect((await sharp(stored).raw().toBuffer()).equals(await sharp(original).raw().toBuffer())).toBe(true);
    const row = await api.database.db
      .selectFrom('protocol_photo')
      .select(['orientation', 'width', 'height'])
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ orientation: 6, width: 800, height: 600 });
    const outbox = await api.database.db.selectFrom('outbox').select(['topic', 'job_id', 'payload']).execute();
    // The job the SQL writes is the one the shared job schema makes (outboxJob): one source.
    const expected = outboxJob('read-photo', body.id, { photoId: body.id });
    expect(outbox).toContainEqual({ ...expected, payload: JSON.parse(expected.payload) });
    const status = await api.app.inject({ method: 'GET', url: body.statusUrl });
    expect(status.json()).toMatchObject({ id: body.id, station: '0001', status: 'queued', readings: [] });
  });

  it('knows the same photo twice: one photo, one job', async () => {
    const photo = await jpegWithGps(2);
    const first = await upload('0002', photo);
    const second = await upload('0002', photo);
    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ id: first.json().id, known: true });
    const jobs = await api.database.db
      .selectFrom('outbox')
      .select('id')
      .where('job_id', '=', `read-photo-${first.json().id}`)
      .execute();
    expect(jobs).toHaveLength(1);
  });

  it('answers 413 for a file over the size cap and stores nothing', async () => {
    const before = await photoCount();
    const big = Buffer.concat([await jpegWithGps(3), Buffer.alloc(maxBytes)]);
    const res = await upload('0003', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().message).toContain('photo');
    expect(await photoCount()).toBe(before);
  });

  // Issue 14 item 16: a 200 kB field reached the intake cut to its first 1,000 characters.
  it('answers 413 naming a text field longer than a form may carry, on both multipart forms', async () => {
    const before = await photoCount();
    const long = 'x'.repeat(200_000);
    const photo = multipart({ voterKind: 'code', voterToken: long }, [
      { field: 'photo', filename: 'p.jpg', contentType: 'image/jpeg', data: await jpegWithGps(31) },
    ]);
    const refused = await api.app.inject({
      method: 'POST',
      url: `/v1/elections/${electionCode}/stations/0003/photos`,
      ...photo,
    });
    expect(refused.statusCode, refused.body).toBe(413);
    expect(refused.json()).toMatchObject({ field: 'voterToken', messageKey: 'upload.fieldTooLong' });
    expect(await photoCount()).toBe(before);
    const report = multipart({ station: '0003', candidate: long, voterKind: 'code', voterToken: 'one-time-31' }, []);
    const form = await api.app.inject({
      method: 'POST',
      url: `/v1/elections/${electionCode}/self-reports/form`,
      ...report,
    });
    expect(form.statusCode, form.body).toBe(413);
    expect(form.json().message).toContain('"candidate"');
  });

  it('answers 415 for what is not a JPEG, PNG or WebP, whatever it claims to be', async () => {
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect((await upload('0003', gif, 'image/jpeg')).statusCode).toBe(415);
    expect((await upload('0003', Buffer.from('hello, not an image'), 'image/png')).statusCode).toBe(415);
  });

  it('answers 4xx for a truncated JPEG, a zero-byte file and a decompression bomb', async () => {
    const before = await photoCount();
    const whole = await jpegWithGps(4);
    const truncated = await upload('0003', whole.subarray(0, Math.floor(whole.length / 2)));
    expect(truncated.statusCode).toBe(422);
    expect(truncated.json().reason).toBe('truncated');
    const empty = await upload('0003', Buffer.alloc(0));
    expect(empty.statusCode).toBe(422);
    const bomb = await upload('0003', await decompressionBombPng(), 'image/png');
    expect(bomb.statusCode).toBe(413);
    expect(bomb.json().reason).toBe('too_many_pixels');
    expect(await photoCount()).toBe(before);
  });

  it('answers 404 for an unknown station or election, 400 without a photo field', async () => {
    expect((await upload('9999', await jpegWithGps(5))).statusCode).toBe(404);
    const noElection = await api.app.inject({
      method: 'POST',
      url: '/v1/elections/no-such-election/stations/0001/photos',
      ...multipart({}, [{ field: 'photo', filename: 'a.jpg', contentType: 'image/jpeg', data: await jpegWithGps(5) }]),
    });
    expect(noElection.statusCode).toBe(404);
    expect((await upload('0001', await jpegWithGps(5), 'image/jpeg', 'picture')).statusCode).toBe(400);
    const notMultipart = await api.app.inject({
      method: 'POST',
      url: `/v1/elections/${electionCode}/stations/0001/photos`,
      payload: { photo: 'x' },
    });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('answers 404 for an unknown photo id and 400 for a malformed one', async () => {
    expect(
      (await api.app.inject({ method: 'GET', url: '/v1/photos/8a1f6b2e-2d4c-4b8e-9a51-3c7d2e9f0a11' })).statusCode,
    ).toBe(404);
    expect((await api.app.inject({ method: 'GET', url: '/v1/photos/not-a-uuid' })).statusCode).toBe(400);
  });
});

async function photoCount(): Promise<number> {
  const row = await api.database.db
    .selectFrom('protocol_photo')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
