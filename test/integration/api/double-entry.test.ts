import { presidentialSampleValues } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { handleReadPhoto } from '../../../apps/worker/src/jobs/read-photo.job.js';
import { createUser } from '../../support/accounts.js';
import { electionCode } from '../../support/election-fixture.js';
import { setupElection, uploadPhoto } from '../../support/pipeline.js';
import { renderProtocolPhoto } from '../../support/protocol-image.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
let photoId: string;
const people: Record<string, string> = {};
const minsk = [{ election: electionCode, region: 'Minsk' }];

beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 3);
  // A protocol photo without a QR code: no machine reads it, so it waits for people.
  const lines = { 1: 1500, 6: 700 };
  const upload = await uploadPhoto(
    api,
    '0001',
    await renderProtocolPhoto({ election: electionCode, station: '0001', lines, qr: false, width: 600, height: 850 }),
  );
  photoId = upload.json().id;
  const outcome = await handleReadPhoto(
    { photoId },
    { db: api.database.db, store: api.deps.store, ocr: noOcr, maxPhotoPixels: 64e6 },
  );
  expect(outcome.kind).toBe('unread');
  for (const name of ['ann', 'bob', 'cid'])
    people[name] = (await createUser(api, `typist-${name}`, 'digitizer', minsk)).cookie;
  people.far = (await createUser(api, 'typist-far', 'digitizer', [{ election: electionCode, region: 'Brest' }])).cookie;
});
afterAll(async () => api?.close());

const as = (who: string) => ({ cookie: people[who]! });
const next = (who: string) =>
  api.app.inject({ method: 'GET', url: `/v1/digitize/elections/${electionCode}/next`, headers: as(who) });
const enter = (who: string, lines: Record<string, number>, extra: Record<string, unknown> = {}) =>
  api.app.inject({
    method: 'POST',
    url: `/v1/digitize/photos/${photoId}/entries`,
    headers: as(who),
    payload: { stationCode: '0001', lines, ...extra },
  });
const honest = { ...presidentialSampleValues };
const slip = { ...honest, votes_barysevich: honest.votes_barysevich! + 1 };

describe('two-person double entry', () => {
  it('gives a digitizer the photo and its lines; the image comes from the store', async () => {
    const task = (await next('ann')).json();
    expect(task.photo).toMatchObject({ id: photoId, station: '0001', entries: 0 });
    expect(task.lines.map((l: { key: string }) => l.key)).toContain('votes_adamovich');
    const image = await api.app.inject({ method: 'GET', url: task.photo.imageUrl, headers: as('ann') });
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
  });

  it('accepts a reading only when two independent entries agree; a third breaks a tie', async () => {
    expect((await enter('ann', honest)).json()).toEqual({ status: 'needs_entry', entries: 1 });
    expect((await enter('ann', honest)).statusCode).toBe(409); // nobody enters twice
    expect((await next('ann')).json().photo).toBeNull();
    expect((await enter('bob', slip)).json()).toEqual({ status: 'needs_entry', entries: 2 });
    expect((await enter('cid', honest)).json()).toEqual({ status: 'agreed', entries: 3 });
    const reading = await api.database.db
      .selectFrom('reading')
      .selectAll()
      .where('photo_id', '=', photoId)
      .executeTakeFirstOrThrow();
    expect(reading).toMatchObject({
      method: 'double_entry',
      station_code_read: '0001',
      line_values: honest,
      confidence: 1,
    });
    const photo = await api.database.db
      .selectFrom('protocol_photo')
      .select('status')
      .where('id', '=', photoId)
      .executeTakeFirstOrThrow();
    expect(photo.status).toBe('read');
    expect(await api.database.db.selectFrom('station_dirty').select('station_id').execute()).not.toHaveLength(0);
  });

  it('keeps every entry: a person may supersede their own, never edit it', async () => {
    expect((await enter('bob', honest, { supersede: true })).statusCode).toBe(201);
    const entries = await api.database.db
      .selectFrom('digitization_entry')
      .select(['id', 'line_values', 'superseded_by'])
      .orderBy('id')
      .execute();
    expect(entries).toHaveLength(4);
    expect(entries[1]!.superseded_by).toBe(entries[3]!.id);
    expect(entries[1]!.line_values).toEqual(slip);
    const audit = await api.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'entry.create')
      .execute();
    expect(audit).toHaveLength(4);
    // Not even the database owner edits or deletes an entry in place.
    const first = entries[0]!.id;
    await expect(
      api.database.db
        .updateTable('digitization_entry')
        .set({ line_values: JSON.stringify(slip) } as never)
        .where('id', '=', first)
        .execute(),
    ).rejects.toThrow(/never edited/);
    await expect(api.database.db.deleteFrom('digitization_entry').where('id', '=', first).execute()).rejects.toThrow(
      /never deleted/,
    );
  });

  it('shows a digitizer of another region nothing of this photo', async () => {
    expect((await next('far')).json().photo).toBeNull();
    expect(
      (await api.app.inject({ method: 'GET', url: `/v1/digitize/photos/${photoId}/image`, headers: as('far') }))
        .statusCode,
    ).toBe(404);
    expect((await enter('far', honest)).statusCode).toBe(404);
  });

  it('names a line that is not on the form', async () => {
    const res = await api.app.inject({
      method: 'POST',
      url: `/v1/digitize/photos/${photoId}/entries`,
      headers: as('ann'),
      payload: { stationCode: '0001', lines: { votes_nobody: 3 }, supersede: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('votes_nobody');
  });
});
