import { presidentialDefinition } from '@crosstally/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { honestProtocol, officialCsv, stationsCsv } from '../support/election-fixture.js';
import { stopProcess, waitUntil } from '../support/processes.js';
import { renderProtocolPhoto } from '../support/protocol-image.js';
import { startRealPlatform, waitForQuiet, type TRealPlatform } from '../support/real-processes.js';

// The pipeline after an upload is the worker's own (relays, sweeper, recomputes, flags): a
// photo acknowledged by the API becomes a flag with the API gone, and several workers side by
// side share the work without doing any of it twice.
const code = presidentialDefinition.code;
const [robbed, favoured] = presidentialDefinition.candidates.map((c) => `votes_${c.key}`);
let platform: TRealPlatform | undefined;
afterEach(async () => {
  await platform?.stop();
  platform = undefined;
});

const codes = (n: number) => Array.from({ length: n }, (_, i) => String(i + 1).padStart(4, '0'));

/** The election with official numbers that move 25 votes at every station: each photo is a mismatch. */
async function setUp(p: TRealPlatform, stations: number): Promise<void> {
  const headers = { authorization: `Bearer ${p.adminToken}` };
  const csv = (path: string, body: string) =>
    fetch(`${p.base}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'text/csv' }, body });
  const election = await fetch(`${p.base}/v1/admin/elections`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(presidentialDefinition),
  });
  expect(election.status).toBe(201);
  expect((await csv(`/v1/admin/elections/${code}/stations`, stationsCsv(stations))).status).toBe(200);
  const official = officialCsv(codes(stations), (_code, v) => {
    v[robbed!]! -= 25;
    v[favoured!]! += 25;
  });
  expect((await csv(`/v1/admin/elections/${code}/official`, official)).status).toBe(200);
}

/** The station's honest protocol with its QR, as a phone would photograph it; `take` varies the shot. */
async function upload(p: TRealPlatform, index: number, take = 0): Promise<string> {
  const station = codes(index + 1)[index]!;
  const values = honestProtocol(index);
  const byNumber = Object.fromEntries(presidentialDefinition.form.lines.map((l) => [l.number, values[l.key]!]));
  const photo = await renderProtocolPhoto({ election: code, station, lines: byNumber, qr: true, rotate: 2 + take });
  const form = new FormData();
  form.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'protocol.jpg');
  const res = await fetch(`${p.base}/v1/elections/${code}/stations/${station}/photos`, { method: 'POST', body: form });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

const mismatches = (p: TRealPlatform) =>
  p.database.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select('station.code')
    .where('flag.kind', '=', 'protocol_mismatch')
    .where('flag.cleared_at', 'is', null)
    .execute();

describe('the worker owns the pipeline', () => {
  it("produces a photo's flag with the API stopped after the upload was acknowledged", async () => {
    platform = await startRealPlatform({}, { workers: 0 });
    await setUp(platform, 3);
    const photoId = await upload(platform, 1);
    await stopProcess(platform.api);
    expect(platform.api.exitCode).toBe(0);

    // Nothing has moved: no worker ran, and the API relayed nothing before it stopped.
    const { db } = platform.database;
    const pending = await db.selectFrom('outbox').select('topic').where('relayed_at', 'is', null).execute();
    expect(pending.map((r) => r.topic)).toContain('read-photo');
    expect(await mismatches(platform)).toEqual([]);

    platform.startWorker();
    await waitUntil(async () => (await mismatches(platform!)).length > 0, 60_000, 100);
    expect((await mismatches(platform)).map((f) => f.code)).toEqual(['0002']);
    const photo = await db
      .selectFrom('protocol_photo')
      .select(['status', 'attempts'])
      .where('id', '=', photoId)
      .execute();
    expect(photo).toEqual([{ status: 'read', attempts: 1 }]);
  });

  it('runs two workers on one database and Redis: every photo read once, every station recomputed', async () => {
    const stations = 8;
    platform = await startRealPlatform(
      { LOG_LEVEL: 'debug', OCR_WORKERS: '0', WORKER_CONCURRENCY: '2' },
      { workers: 2 },
    );
    await setUp(platform, stations);
    const ids: string[] = [];
    for (let i = 0; i < stations; i += 1) for (const take of [0, 1]) ids.push(await upload(platform, i, take));
    await waitForQuiet(platform, 90_000);

    // Each worker's log names the photo jobs it finished: together all of them, none twice.
    const ran = platform.workers.map((w) =>
      [...w.output().matchAll(/"job":"read-photo-([0-9a-f-]+)","outcome":"read"/g)].map((m) => m[1]),
    );
    expect(ran.flat().sort()).toEqual([...ids].sort());
    console.log(`photos read per worker: ${ran.map((r) => r.length).join(' + ')}`);
    const retried = platform.workers.flatMap((w) =>
      w
        .output()
        .split('\n')
        .filter((l) => l.includes('job failed')),
    );
    if (retried.length > 0) console.log(`attempts retried:\n${retried.join('\n')}`);

    const { db } = platform.database;
    const photos = await db.selectFrom('protocol_photo').select(['id', 'status']).execute();
    expect(photos).toHaveLength(ids.length);
    for (const p of photos) expect(p, `photo ${p.id}`).toMatchObject({ status: 'read' });
    const readings = await db.selectFrom('reading').select('photo_id').execute();
    expect(readings.map((r) => r.photo_id).sort()).toEqual([...ids].sort());
    expect((await mismatches(platform)).map((f) => f.code).sort()).toEqual(codes(stations));

    // A whole-election recompute asked for once runs once, on one of them, and changes nothing.
    const asked = await fetch(`${platform.base}/v1/admin/elections/${code}/recompute`, {
      method: 'POST',
      headers: { authorization: `Bearer ${platform.adminToken}` },
    });
    expect(asked.status).toBe(202);
    const { jobId } = (await asked.json()) as { jobId: string };
    let state: { state: string; outcome?: unknown } = { state: 'pending' };
    await waitUntil(
      async () => {
        const res = await fetch(`${platform!.base}/v1/admin/jobs/${jobId}`, {
          headers: { authorization: `Bearer ${platform!.adminToken}` },
        });
        state = (await res.json()) as typeof state;
        return state.state === 'completed';
      },
      60_000,
      100,
    );
    expect(state.outcome).toMatchObject({ kind: 'recomputed', stations, written: 0, cleared: 0 });
    const runs = platform.workers.map((w) => w.output().split(`"job":"${jobId}"`).length - 1);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
