// Upload to flag, QR path: the real API and worker as child processes, the fixture election
// with 50 stations whose official result moves votes between two candidates, and protocol
// photos whose QR carries the true numbers. Measured per photo: from the start of its upload
// to the moment a protocol_mismatch flag of its station is in the database (polled every
// 20 ms), with the stages read from the rows' timestamps. Baseline: the worker's own image
// and QR code, run on the same photos in this process before the servers start.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import pg from 'pg';
import { makeWorkingImage } from '../../apps/worker/dist/adapters/image.adapter.js';
import { readQrTexts } from '../../apps/worker/dist/adapters/qr.adapter.js';
import { ELECTION, dropDatabase, importElection, stationCode } from './fixtures.js';
// The demo's renderer, compiled by npm run bench's build step.
import { renderProtocolPhoto } from '../../apps/api/dist/demo/render-protocol-photo.js';
import { freePort, spawnNode, stopChild, until, waitReady } from './servers.js';

export const FLAG_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/crosstally_bench_flag';
const STATIONS = 50;
const PHOTOS = 40; // one per station, stations 1..40
const LANES = 4; // uploads in flight at once; each lane waits for its flag before the next
const POLL_MS = 20;
const FLAG_TIMEOUT_MS = 30_000;
const BASELINE_READS = 5;
const AIM_P95_MS = 5000;
const MOVED_VOTES = 60; // official: moved from barysevich to adamovich; relations still hold

/** @param {number[]} xs @param {number} q */
function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

/** @param {number[]} xs */
const p50p95 = (xs) => `${Math.round(quantile(xs, 0.5))} / ${Math.round(quantile(xs, 0.95))}`;

/** The published numbers: the truth with votes moved to the favourite. */
function officialValues() {
  const v = { ...presidentialSampleValues };
  v.votes_adamovich += MOVED_VOTES;
  v.votes_barysevich -= MOVED_VOTES;
  return v;
}

/** The true numbers by protocol line number, as the QR carries them. */
function trueLinesByNumber() {
  /** @type {Record<number, number>} */
  const lines = {};
  for (const l of presidentialDefinition.form.lines) lines[l.number] = presidentialSampleValues[l.key] ?? 0;
  return lines;
}

/** @param {string} base @param {string} adminToken */
async function importOfficial(base, adminToken) {
  const keys = Object.keys(presidentialSampleValues);
  const values = officialValues();
  const rows = [`station_code,${keys.join(',')}`];
  for (let i = 0; i < STATIONS; i++) rows.push(`${stationCode(i)},${keys.map((k) => values[k]).join(',')}`);
  const res = await fetch(`${base}/v1/admin/elections/${ELECTION}/official?source=bench`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
    body: `${rows.join('\n')}\n`,
  });
  if (res.status !== 200) throw new Error(`official import: ${res.status} ${await res.text()}`);
}

/**
 * Runs and prints the upload-to-flag figures.
 * @param {{ tmp: string, redisUrl: string, queuePrefix: string,
 *   children: import('node:child_process').ChildProcess[] }} env
 *   queuePrefix: this scenario's own (the caller clears it); children: the processes started
 *   here are pushed there, so the caller's cleanup stops them should this stop half-way
 */
export async function runFlagBench(env) {
  const { queuePrefix } = env;
  const storageDir = join(env.tmp, 'flag-storage');
  await mkdir(storageDir, { recursive: true });
  await dropDatabase(FLAG_DATABASE_URL);

  const lines = trueLinesByNumber();
  const photos = [];
  for (let i = 0; i < PHOTOS; i++) {
    photos.push(await renderProtocolPhoto({ election: ELECTION, station: stationCode(i), lines, qr: true }));
  }
  // Baseline: what the worker does to a photo before it can write a reading, in this process.
  /** @type {number[]} */
  const readMs = [];
  for (let i = 0; i <= BASELINE_READS; i++) {
    const start = performance.now();
    const working = await makeWorkingImage(photos[i % PHOTOS] ?? Buffer.alloc(0), 1, 64_000_000);
    const texts = await readQrTexts(working.grey);
    if (texts.length === 0) throw new Error('the bench protocol photo has no readable QR');
    if (i > 0) readMs.push(performance.now() - start); // the first one loads zxing's wasm
  }

  const port = await freePort();
  const adminToken = randomBytes(18).toString('hex');
  const common = {
    DATABASE_URL: FLAG_DATABASE_URL,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: queuePrefix,
    STORAGE_DIR: storageDir,
  };
  const api = spawnNode(['apps/api/dist/server.js'], {
    ...common,
    ADMIN_TOKEN: adminToken,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  env.children.push(api);
  const base = `http://127.0.0.1:${port}`;
  await waitReady(`${base}/ready`, api); // the API creates and migrates the database
  // The worker relays the outbox too: the whole pipeline after the upload is its own.
  const worker = spawnNode(['apps/worker/dist/main.js'], { ...common, LOG_LEVEL: 'info', OUTBOX_POLL_MS: '200' });
  env.children.push(worker);
  const client = new pg.Client({ connectionString: FLAG_DATABASE_URL });
  // Interrupted, the cleanup drops the database under it: that must not crash the cleanup.
  client.on('error', () => undefined);
  try {
    if (!(await until(async () => worker.output().includes('worker started'), 30_000))) {
      throw new Error(`the worker did not start:\n${worker.output()}`);
    }
    await client.connect();
    await importElection(base, adminToken, STATIONS);
    await importOfficial(base, adminToken);
    // The import's recomputes settle first, so each upload meets idle queues.
    const settled = await until(async () => {
      const { rows } = await client.query('select count(*)::int as n from station_dirty');
      return rows[0].n === 0;
    }, 30_000);
    if (!settled) throw new Error('the official import was not recomputed within 30 s');
    const ids = await client.query('select id, code from station');
    const stationId = new Map(ids.rows.map((r) => [r.code, r.id]));

    /** @type {Map<number, (at: number) => void>} station id → resolves when its flag is seen */
    const waiting = new Map();
    let polling = true;
    const poller = (async () => {
      while (polling) {
        if (waiting.size > 0) {
          const found = await client
            .query(
              `select station_id from flag where station_id = any($1::int[]) and kind = 'protocol_mismatch' and cleared_at is null`,
              [[...waiting.keys()]],
            )
            .catch(() => undefined); // interrupted: the lanes time out and the run stops
          const at = Date.now();
          for (const r of found?.rows ?? []) waiting.get(r.station_id)?.(at);
        }
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    })();

    /** @type {{ station: number, sent: number, accepted: number, seen: number | null }[]} */
    const results = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < PHOTOS; i = next++) {
        const id = stationId.get(stationCode(i));
        if (id === undefined) throw new Error(`no station ${stationCode(i)}`);
        const seenAt = new Promise((resolve) => waiting.set(id, resolve));
        const form = new FormData();
        form.append('photo', new Blob([photos[i] ?? Buffer.alloc(0)], { type: 'image/jpeg' }), 'protocol.jpg');
        const sent = Date.now();
        const res = await fetch(`${base}/v1/elections/${ELECTION}/stations/${stationCode(i)}/photos`, {
          method: 'POST',
          body: form,
        });
        if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        const accepted = Date.now();
        const seen = await Promise.race([
          seenAt,
          new Promise((resolve) => setTimeout(() => resolve(null), FLAG_TIMEOUT_MS)),
        ]);
        waiting.delete(id);
        results.push({ station: id, sent, accepted, seen: /** @type {number | null} */ (seen) });
      }
    };
    const started = Date.now();
    await Promise.all(Array.from({ length: LANES }, lane));
    const wall = Date.now() - started;
    polling = false;
    await poller;

    // Stages from the rows' own timestamps (now() at the start of each writing transaction).
    const { rows: stages } = await client.query(
      `select p.station_id, extract(epoch from p.created_at) * 1000 as photo,
         extract(epoch from r.created_at) * 1000 as reading, extract(epoch from f.created_at) * 1000 as flag
       from protocol_photo p
       join reading r on r.photo_id = p.id
       join flag f on f.station_id = p.station_id and f.kind = 'protocol_mismatch'`,
    );
    const byStation = new Map(stages.map((s) => [s.station_id, s]));
    const done = results.filter((r) => r.seen !== null);
    const total = done.map((r) => /** @type {number} */ (r.seen) - r.sent);
    const stage = (/** @type {(r: any, s: any) => number} */ f) =>
      done.flatMap((r) => (byStation.has(r.station) ? [f(r, byStation.get(r.station))] : []));
    console.log(
      `\nupload to flag (QR path): ${PHOTOS} protocol photos (~${Math.round((photos[0]?.length ?? 0) / 1024)} KB, ` +
        `1240×1754 with the CrossTally QR), ${LANES} in flight, worker with OUTBOX_POLL_MS=200 and default ` +
        `concurrency; ${done.length}/${PHOTOS} flags seen in ${(wall / 1000).toFixed(1)} s`,
    );
    console.log(`${'stage'.padEnd(52)}${'p50 / p95 ms'.padStart(14)}`);
    /** @param {string} label @param {number[]} xs */
    const row = (label, xs) => console.log(`${label.padEnd(52)}${p50p95(xs).padStart(14)}`);
    row('baseline: decode + QR read of the photo, in process', readMs);
    row(
      'upload → 202 (HTTP intake)',
      done.map((r) => r.accepted - r.sent),
    );
    row(
      '202 → reading row (outbox relay, queue, worker read)',
      stage((r, s) => s.reading - r.accepted),
    );
    row(
      'reading → flag row (dirty relay, queue, recompute)',
      stage((_r, s) => s.flag - s.reading),
    );
    row(
      'flag row → seen by the 20 ms poll',
      stage((r, s) => /** @type {number} */ (r.seen) - s.flag),
    );
    row('upload → flag (total)', total);
    const p95 = quantile(total, 0.95);
    console.log(
      `upload to flag: p95 ${Math.round(p95)} ms (aim < ${AIM_P95_MS} ms)  ` +
        `${done.length === PHOTOS && p95 < AIM_P95_MS ? 'MET' : 'NOT MET'}`,
    );
  } finally {
    await client.end().catch(() => undefined);
    await Promise.all([stopChild(worker), stopChild(api)]);
    await dropDatabase(FLAG_DATABASE_URL);
  }
}
