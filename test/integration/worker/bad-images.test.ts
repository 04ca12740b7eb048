import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  jobIdFor,
  presidentialDefinition,
  presidentialSampleValues,
  translate,
  type TPhotoFailureCode,
} from '@crosstally/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electionCode } from '../../support/election-fixture.js';
import { photoStates, setupElection, spawnWorker, startRelay, uploadPhoto } from '../../support/pipeline.js';
import { stopProcess, waitUntil } from '../../support/processes.js';
import { renderProtocolPhoto } from '../../support/protocol-image.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

/**
 * Files the upload route would refuse, put straight into the evidence store and the photo
 * table (as a disk or a database restored from elsewhere could hold them), then read by the
 * real worker process over the real queue. Each must end as a failed photo with a reason
 * people can act on, at its first attempt (a bad file is not worth retrying), and the
 * worker must go on to read the next good photo.
 */
let api: TTestApi;
let relay: Awaited<ReturnType<typeof startRelay>>;
let worker: ReturnType<typeof spawnWorker>;

beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 2);
  relay = await startRelay(api);
  worker = spawnWorker(api, { WORKER_CONCURRENCY: '1' });
});
afterAll(async () => {
  if (worker) await stopProcess(worker);
  await relay?.stop();
  await api?.close();
});

/** A photo row and its outbox row, committed together as intake would, over bytes stored as they are. */
async function storeUnchecked(bytes: Buffer, mime: string, size: { width: number; height: number }): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await api.deps.store.put('protocol', sha256, mime, bytes);
  const db = api.database.db;
  const station = await db
    .selectFrom('station')
    .innerJoin('election', 'election.id', 'station.election_id')
    .select(['station.id', 'station.election_id'])
    .where('election.code', '=', electionCode)
    .where('station.code', '=', '0001')
    .executeTakeFirstOrThrow();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('protocol_photo')
      .values({
        election_id: station.election_id,
        station_id: station.id,
        sha256,
        mime,
        bytes: bytes.length,
        ...size,
        orientation: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('outbox')
      .values({ topic: 'read-photo', job_id: jobIdFor('read-photo', id), payload: JSON.stringify({ photoId: id }) })
      .execute();
    return id;
  });
}

/** A real 16 × 16 JPEG whose frame header (SOF0) is rewritten to declare `side` × `side` pixels. */
async function jpegDeclaring(side: number): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .jpeg({ progressive: false })
    .toBuffer();
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  expect(sof).toBeGreaterThan(0);
  jpeg.writeUInt16BE(side, sof + 5);
  jpeg.writeUInt16BE(side, sof + 7);
  return jpeg;
}

/** A real 16 × 16 PNG whose IHDR is rewritten (CRC too) to declare `side` × `side` pixels. */
async function pngDeclaring(side: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#808080' } })
    .png()
    .toBuffer();
  // Signature (8), IHDR length (4), "IHDR" (4), then width and height; the CRC covers type and data.
  png.writeUInt32BE(side, 16);
  png.writeUInt32BE(side, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe('a stored file that is no readable image, read by the real worker', () => {
  it('fails its photo at once with a clear reason, and the worker reads the next good photo', async () => {
    const whole = await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#b0a090' } })
      .composite([{ input: Buffer.from('<svg width="1200" height="900"><circle cx="600" cy="450" r="300"/></svg>') }])
      .jpeg({ quality: 90 })
      .toBuffer();
    const cases: { name: string; bytes: Buffer; mime: string; reason: RegExp; code: TPhotoFailureCode }[] = [
      {
        name: 'not an image',
        bytes: Buffer.from('%PDF-1.7 this is a document, not a photo\n'.repeat(40)),
        mime: 'image/jpeg',
        reason: /not an image/,
        code: 'notImage',
      },
      {
        name: 'truncated JPEG',
        bytes: whole.subarray(0, Math.floor(whole.length * 0.6)),
        mime: 'image/jpeg',
        reason: /cannot be decoded \(truncated or corrupt\)/,
        code: 'corrupt',
      },
      {
        name: '50,000 × 50,000 JPEG header',
        bytes: await jpegDeclaring(50_000),
        mime: 'image/jpeg',
        reason: /too large: 50000 × 50000 pixels/,
        code: 'tooLarge',
      },
      {
        name: '50,000 × 50,000 PNG header',
        bytes: await pngDeclaring(50_000),
        mime: 'image/png',
        reason: /too large: 50000 × 50000 pixels/,
        code: 'tooLarge',
      },
      { name: 'zero bytes', bytes: Buffer.alloc(0), mime: 'image/jpeg', reason: /empty \(0 bytes\)/, code: 'empty' },
    ];
    const ids = new Map<string, (typeof cases)[number]>();
    for (const c of cases) ids.set(await storeUnchecked(c.bytes, c.mime, { width: 50_000, height: 50_000 }), c);

    // Queued after the bad ones, on a worker taking one job at a time.
    const lines = Object.fromEntries(
      presidentialDefinition.form.lines.map((l) => [l.number, presidentialSampleValues[l.key]!]),
    );
    const good = await uploadPhoto(
      api,
      '0002',
      await renderProtocolPhoto({ election: electionCode, station: '0002', lines, qr: true }),
    );
    expect(good.statusCode).toBe(202);
    const goodId = good.json().id as string;

    const final = (status: string) => status === 'failed' || status === 'read' || status === 'unread';
    await waitUntil(async () => (await photoStates(api)).every((p) => final(p.status)), 90_000, 100);
    const states = new Map((await photoStates(api)).map((p) => [p.id, p]));
    for (const [id, c] of ids) {
      const row = states.get(id)!;
      expect({ case: c.name, status: row.status, attempts: row.attempts }).toEqual({
        case: c.name,
        status: 'failed',
        attempts: 1,
      });
      expect(row.failure_reason, c.name).toMatch(c.reason);
      expect(row.failure_code, c.name).toBe(c.code);
      // The sender's receipt says why in their language, and shows none of the technical English.
      const receipt = await api.app.inject({ method: 'GET', url: `/ru/photos/${id}` });
      expect(receipt.body, c.name).toContain(translate({ key: `photo.failure.${c.code}` }, 'ru'));
      expect(receipt.body, c.name).not.toContain(row.failure_reason!.slice(0, 20));
      console.log(`${c.name}: failed — ${row.failure_reason}`);
    }
    expect(states.get(goodId)?.status).toBe('read');
    const readings = await api.database.db.selectFrom('reading').select('photo_id').execute();
    expect(readings.map((r) => r.photo_id)).toEqual([goodId]);
    // Still running, and nothing it printed says it nearly fell over.
    expect(worker.exitCode).toBeNull();
    expect(worker.signalCode).toBeNull();
    expect(worker.output()).not.toMatch(/uncaught|unhandled|FATAL/i);
  }, 120_000);
});
