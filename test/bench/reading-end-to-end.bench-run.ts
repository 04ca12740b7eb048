import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { presidentialDefinition } from '@crosstally/shared';
import pg from 'pg';
import { it } from 'vitest';
import { generatePhotoSet, type TSetPhoto } from '../support/photo-set/photo-set.js';
import { cpuWindow } from './cpu.js';
import { clearRedisPrefix, dropDatabase } from './fixtures.js';
import { pipelineRate } from './reading-pipeline.js';
import { freePort, spawnNode, stopChild, until, waitReady } from './servers.js';

// Protocols per second end to end, OCR path: generated medium-level photos (no QR) uploaded
// over HTTP to the real API, relayed through the outbox and Redis to the real worker (its
// default settings), read and written to PostgreSQL. Timed from the first
// upload to the moment every photo has its outcome in the database. Baseline, in the same
// run: the same photos through the worker's reading code in this process on every core
// (no HTTP, queue or database). BENCH_E2E_PHOTOS sets the count (default 48).
const count = Number(process.env.BENCH_E2E_PHOTOS ?? 48);
const warmup = 4;
const lanes = 4; // uploads in flight: a crowd sends faster than the worker reads
// Set by run.js, which cleans them up should this be interrupted.
const databaseUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/crosstally_bench_reading';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const queuePrefix = process.env.BENCH_QUEUE_PREFIX ?? `bench-${randomBytes(5).toString('hex')}`;
const aim = 6;
const election = presidentialDefinition.code;

it('reads uploaded protocol photos end to end', async () => {
  const photos = distinctStations(
    await generatePhotoSet({
      seed: 9,
      count: Math.ceil((count + warmup) * 1.1),
      level: 'medium',
      form: presidentialDefinition,
      withQr: false,
    }),
  ).slice(0, count + warmup);
  if (photos.length < count + warmup) throw new Error('not enough distinct stations in the photo set');
  const measured = photos.slice(warmup);
  const baseline = await pipelineRate(
    measured.map((p) => p.photo),
    'job',
  );

  const tmp = await mkdtemp(join(tmpdir(), 'crosstally-bench-reading-'));
  const adminToken = randomBytes(18).toString('hex');
  const port = await freePort();
  const common = { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: queuePrefix, STORAGE_DIR: tmp };
  await dropDatabase(databaseUrl);
  const api = spawnNode(['apps/api/dist/server.js'], {
    ...common,
    ADMIN_TOKEN: adminToken,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
  });
  let worker: ReturnType<typeof spawnNode> | undefined;
  const client = new pg.Client({ connectionString: databaseUrl });
  client.on('error', () => undefined); // the cleanup drops the database under it when interrupted
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitReady(`${base}/ready`, api); // the API creates and migrates the database
    worker = spawnNode(['apps/worker/dist/main.js'], { ...common, LOG_LEVEL: 'info' });
    await client.connect();
    await defineElection(base, adminToken, photos);
    if (!(await until(async () => worker!.output().includes('worker started'), 60_000))) {
      throw new Error(`the worker did not start:\n${worker.output()}`);
    }
    // The first photos load zxing's wasm and warm tesseract's threads: not counted.
    await uploadAll(base, photos.slice(0, warmup));
    await untilDone(client, warmup);

    const [workerCpu, apiCpu] = [cpuWindow(worker.pid), cpuWindow(api.pid)];
    const started = performance.now();
    await uploadAll(base, measured);
    const uploaded = performance.now();
    await untilDone(client, photos.length);
    const seconds = (performance.now() - started) / 1000;
    const [workerUse, apiUse] = [workerCpu(count), apiCpu(count)];
    const outcome = await outcomes(client, measured);

    const rate = count / seconds;
    console.log(
      `\nreading end to end (OCR path): ${count} medium photos (1500×2000 JPEG, no QR), ${lanes} uploads in flight, ` +
        `worker with its default settings (${availableParallelism()} cores)`,
    );
    console.log(
      `baseline, the same photos through the job's reading code in this process, every core: ` +
        `${baseline.perSecond.toFixed(2)} protocols/s (CPU ${baseline.cpuMsPerPhoto.toFixed(0)} ms/photo)`,
    );
    console.log(
      `end to end: all uploaded in ${(uploaded - started).toFixed(0)} ms, all read in ${seconds.toFixed(2)} s: ` +
        `${rate.toFixed(2)} protocols/s, ratio to the baseline ${(rate / baseline.perSecond).toFixed(2)}`,
    );
    const ms = (us: number | undefined) => (us === undefined ? '?' : (us / 1000).toFixed(0));
    console.log(
      `CPU per photo: worker ${ms(workerUse.serverUsPerRequest)} ms, API ${ms(apiUse.serverUsPerRequest)} ms; ` +
        `machine ${workerUse.machineBusyPct ?? '?'} % busy (PostgreSQL and Redis are the rest)`,
    );
    console.log(
      `outcomes: ${outcome.statuses}; lines exact ${outcome.exact}, to people ${outcome.toPeople}, ` +
        `wrong ${outcome.wrong} (of ${outcome.total})`,
    );
    console.log(`protocols/s end to end: ${rate.toFixed(2)} (aim ≥ ${aim})  ${rate >= aim ? 'MET' : 'NOT MET'}`);
  } finally {
    await client.end().catch(() => undefined);
    await Promise.all([stopChild(worker), stopChild(api)]);
    await dropDatabase(databaseUrl).catch((e: Error) => console.error(`cleanup: ${e.message}`));
    await clearRedisPrefix(redisUrl, queuePrefix).catch((e: Error) => console.error(`cleanup: ${e.message}`));
    await rm(tmp, { recursive: true, force: true });
  }
}, 900_000);

/** One photo per station: the intake limits unread photos per station. */
function distinctStations(photos: TSetPhoto[]): TSetPhoto[] {
  const seen = new Set<string>();
  return photos.filter((p) => !seen.has(p.station) && seen.add(p.station));
}

async function defineElection(base: string, adminToken: string, photos: TSetPhoto[]): Promise<void> {
  const auth = { authorization: `Bearer ${adminToken}` };
  const created = await fetch(`${base}/v1/admin/elections`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(presidentialDefinition),
  });
  if (created.status !== 201) throw new Error(`election: ${created.status} ${await created.text()}`);
  const rows = ['code,region_path,name_be,name_ru,address_be,address_ru,voters_on_list'];
  for (const p of photos) rows.push(`${p.station},Minsk/District 1,name,name,addr,addr,${p.values.voters_on_list}`);
  const imported = await fetch(`${base}/v1/admin/elections/${election}/stations`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'text/csv' },
    body: `${rows.join('\n')}\n`,
  });
  if (imported.status !== 200) throw new Error(`stations: ${imported.status} ${await imported.text()}`);
}

async function uploadAll(base: string, photos: TSetPhoto[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < photos.length) {
        const p = photos[next++]!;
        const form = new FormData();
        form.append('photo', new Blob([p.photo], { type: 'image/jpeg' }), 'protocol.jpg');
        const res = await fetch(`${base}/v1/elections/${election}/stations/${p.station}/photos`, {
          method: 'POST',
          body: form,
        });
        if (res.status !== 202) throw new Error(`upload: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
    }),
  );
}

/** Polls every 50 ms until `total` photos have an outcome; fails after two minutes without progress. */
async function untilDone(client: pg.Client, total: number): Promise<void> {
  let [done, progressAt] = [-1, Date.now()];
  while (done < total) {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from protocol_photo where status not in ('queued', 'processing')`,
    );
    if (rows[0]!.n !== done) [done, progressAt] = [rows[0]!.n, Date.now()];
    if (Date.now() - progressAt > 120_000) throw new Error(`stuck at ${done} of ${total} photos read`);
    if (done < total) await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * What the worker made of the measured photos, against the numbers drawn on them. A line
 * counts as read only on a photo left 'read': on any other, people enter it, whatever the
 * OCR's partial reading kept beside their entries holds.
 */
async function outcomes(client: pg.Client, photos: TSetPhoto[]) {
  const { rows } = await client.query<{ code: string; status: string; line_values: Record<string, number> | null }>(
    `select s.code, p.status, r.line_values
       from protocol_photo p join station s on s.id = p.station_id
       left join reading r on r.photo_id = p.id and r.method = 'ocr'`,
  );
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const statuses = new Map<string, number>();
  let [exact, wrong, total] = [0, 0, 0];
  for (const p of photos) {
    const row = byCode.get(p.station);
    statuses.set(row?.status ?? 'missing', (statuses.get(row?.status ?? 'missing') ?? 0) + 1);
    for (const [key, value] of Object.entries(p.values)) {
      total += 1;
      const got = row?.status === 'read' ? row.line_values?.[key] : undefined;
      if (got === undefined) continue;
      if (got === value) exact += 1;
      else wrong += 1;
    }
  }
  return {
    statuses: [...statuses].map(([s, n]) => `${s} ${n}`).join(', '),
    exact,
    wrong,
    toPeople: total - exact - wrong,
    total,
  };
}
