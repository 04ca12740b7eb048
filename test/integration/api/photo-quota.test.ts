import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { issueCodes } from '../../support/invitation-codes.js';
import { multipart } from '../../support/multipart.js';
import { setupElection } from '../../support/pipeline.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14, item 2, tried as an attacker would: a burst of concurrent junk uploads to one
// station. The quota of photos waiting to be read used to be counted before the insert (70
// concurrent uploads against a quota of 50 got 57 in), and once full it refused a genuine
// protocol photo from anyone. No worker runs here, so every accepted photo stays waiting.
const quota = 12;
let api: TTestApi;
let accepted: Buffer;
beforeAll(async () => {
  api = await createTestApi({ UNREVIEWED_PHOTOS_PER_STATION: String(quota), PHOTOS_PER_VOTER: '1000' });
  await setupElection(api, 3);
});
afterAll(async () => api?.close());

async function upload(station: string, data: Buffer, fields: Record<string, string> = {}) {
  return api.app.inject({
    method: 'POST',
    url: `/v1/elections/${electionCode}/stations/${station}/photos`,
    ...multipart(fields, [{ field: 'photo', filename: 'p.jpg', contentType: 'image/jpeg', data }]),
  });
}

async function waitingAt(station: string) {
  const rows = await api.database.db
    .selectFrom('protocol_photo')
    .innerJoin('station', 'station.id', 'protocol_photo.station_id')
    .select(['protocol_photo.sender', 'protocol_photo.status'])
    .where('station.code', '=', station)
    .execute();
  return rows;
}

describe("a station's quota of photos waiting to be read", () => {
  it('is never overshot by concurrent uploads', async () => {
    const photos = await Promise.all(
      Array.from({ length: 3 * quota }, (_, i) => jpegWithGps(100 + i, { width: 40, height: 30 })),
    );
    const answers = await Promise.all(photos.map((data) => upload('0001', data)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((s) => s === 202)).toHaveLength(quota);
    accepted = photos[statuses.indexOf(202)]!;
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * quota);
    for (const refused of answers.filter((a) => a.statusCode === 429)) {
      expect(refused.json().messageKey).toBe('photo.stationFull');
    }
    expect(await waitingAt('0001')).toHaveLength(quota);
    const jobs = await api.database.db.selectFrom('outbox').select('id').where('topic', '=', 'read-photo').execute();
    expect(jobs.length).toBe(quota);
  });

  it('still takes a photo the station already has, and answers it as known', async () => {
    const again = await upload('0001', accepted);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().known).toBe(true);
  });

  it('cannot be filled by open senders against a sender the channel confirmed', async () => {
    // Junk under claimed identities (anyone can type a phone number or invent a code) fills
    // only the open senders' share.
    const claimed = await upload('0001', await jpegWithGps(900, { width: 40, height: 30 }), {
      voterKind: 'code',
      voterToken: 'INVENTED-CODE-1',
    });
    expect(claimed.statusCode).toBe(429);
    const [code] = await issueCodes(api, 1);
    const genuine = await upload('0001', await jpegWithGps(901, { width: 40, height: 30 }), {
      voterKind: 'code',
      voterToken: code!,
    });
    expect(genuine.statusCode, genuine.body).toBe(202);
    const rows = await waitingAt('0001');
    expect(rows.filter((r) => r.sender === 'confirmed')).toHaveLength(1);
    expect(rows.filter((r) => r.sender === 'open')).toHaveLength(quota);
  });

  it('counts each station on its own', async () => {
    expect((await upload('0002', await jpegWithGps(950, { width: 40, height: 30 }))).statusCode).toBe(202);
  });
});
