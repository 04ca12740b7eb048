import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { voterPhoto } from '../../support/ballot-photos.js';
import { electionCode } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { issueCodes } from '../../support/invitation-codes.js';
import { multipart } from '../../support/multipart.js';
import { photoStates, setupElection, spawnWorker, startRelay, uploadPhoto } from '../../support/pipeline.js';
import { startOwnRedis, stopProcess, waitUntil } from '../../support/processes.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

let redis: Awaited<ReturnType<typeof startOwnRedis>>;
let api: TTestApi;
let relay: Awaited<ReturnType<typeof startRelay>>;
let worker: ReturnType<typeof spawnWorker>;

beforeAll(async () => {
  redis = await startOwnRedis();
  api = await createTestApi({ REDIS_URL: redis.url });
  await setupElection(api);
  relay = await startRelay(api);
  worker = spawnWorker(api);
});
afterAll(async () => {
  await stopProcess(worker);
  await relay?.stop();
  await api?.close();
  await redis?.stop();
});

const finished = (status: string) => status === 'read' || status === 'unread';

describe('the outbox across a Redis outage', () => {
  it('accepts uploads while Redis is down and processes every acknowledged photo exactly once', async () => {
    const before = [];
    for (let i = 0; i < 4; i += 1)
      before.push(await uploadPhoto(api, '0001', await jpegWithGps(100 + i, { width: 320, height: 240 })));
    expect(before.every((r) => r.statusCode === 202)).toBe(true);
    await waitUntil(async () => (await photoStates(api)).every((p) => finished(p.status)), 30_000);

    await redis.stop();
    const during = [];
    for (let i = 0; i < 8; i += 1)
      during.push(await uploadPhoto(api, '0002', await jpegWithGps(200 + i, { width: 320, height: 240 })));
    expect(during.map((r) => r.statusCode)).toEqual(Array(8).fill(202));
    const ready = await api.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().redis).toBe('unavailable');
    const pending = await api.database.db.selectFrom('outbox').select('id').where('relayed_at', 'is', null).execute();
    expect(pending.length).toBeGreaterThanOrEqual(8);

    // The same port, an empty Redis: everything it knew is gone, as after a crash without persistence.
    redis = await startOwnRedis(redis.port);
    await waitUntil(async () => (await photoStates(api)).every((p) => finished(p.status)), 60_000, 200);
    const photos = await photoStates(api);
    expect(photos).toHaveLength(12);
    for (const p of photos) expect(p.attempts, `photo ${p.id} processed once`).toBe(1);
    const left = await api.database.db.selectFrom('outbox').select('id').where('relayed_at', 'is', null).execute();
    expect(left).toHaveLength(0);
    expect((await api.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });

  it('recovers jobs that Redis lost after they were relayed (the sweeper re-enqueues them)', async () => {
    await stopProcess(worker);
    const uploads = [];
    for (let i = 0; i < 5; i += 1)
      uploads.push(await uploadPhoto(api, '0003', await jpegWithGps(300 + i, { width: 320, height: 240 })));
    const ids = uploads.map((r) => r.json().id as string);
    await waitUntil(async () => {
      const pending = await api.database.db.selectFrom('outbox').select('id').where('relayed_at', 'is', null).execute();
      return pending.length === 0;
    }, 10_000);
    // Relayed into Redis, not yet processed: now Redis dies and comes back empty.
    await redis.stop();
    redis = await startOwnRedis(redis.port);
    worker = spawnWorker(api);
    await waitUntil(
      async () => {
        const photos = (await photoStates(api)).filter((p) => ids.includes(p.id));
        return photos.every((p) => finished(p.status));
      },
      60_000,
      200,
    );
    for (const p of (await photoStates(api)).filter((x) => ids.includes(x.id))) expect(p.attempts).toBe(1);
  });

  it('recovers ballot-photo comparisons that Redis lost, and still finds the copy', async () => {
    await stopProcess(worker);
    const original = await voterPhoto(3);
    const copy = await sharp(original).resize({ width: 700 }).jpeg({ quality: 70 }).toBuffer();
    const codes = await issueCodes(api, 2);
    for (const [i, photo] of [original, copy].entries()) {
      const body = multipart({ station: '0004', candidate: 'adamovich', voterKind: 'code', voterToken: codes[i]! }, [
        { field: 'ballot', filename: 'ballot.jpg', contentType: 'image/jpeg', data: photo },
      ]);
      const res = await api.app.inject({
        method: 'POST',
        url: `/v1/elections/${electionCode}/self-reports/form`,
        ...body,
      });
      expect(res.statusCode).toBe(201);
    }
    const db = api.database.db;
    await waitUntil(async () => {
      const pending = await db.selectFrom('outbox').select('id').where('relayed_at', 'is', null).execute();
      return pending.length === 0;
    }, 10_000);
    await redis.stop();
    redis = await startOwnRedis(redis.port);
    worker = spawnWorker(api);
    const ballots = () => db.selectFrom('ballot_photo').select(['shared', 'printed_at', 'copy_of']).execute();
    await waitUntil(async () => (await ballots()).every((b) => b.printed_at !== null), 60_000, 200);
    const rows = await ballots();
    expect(rows).toHaveLength(2);
    expect(rows.every((b) => b.shared)).toBe(true);
    expect(rows.filter((b) => b.copy_of !== null)).toHaveLength(1);
  });
});
