import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoStates, setupElection, spawnWorker, startRelay, uploadPhoto } from '../../support/pipeline.js';
import { stopProcess, waitUntil } from '../../support/processes.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
let relay: Awaited<ReturnType<typeof startRelay>>;
const workers: ReturnType<typeof spawnWorker>[] = [];
// A short lock, so the job of a killed worker is taken over within seconds, not 30.
const fastTakeover = { WORKER_LOCK_MS: '1500', WORKER_STALLED_CHECK_MS: '500', WORKER_CONCURRENCY: '1' };

beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api);
  relay = await startRelay(api);
});
afterAll(async () => {
  for (const w of workers) await stopProcess(w, 'SIGKILL');
  await relay?.stop();
  await api?.close();
});

/** A large photo, so that reading it takes long enough to be interrupted. */
async function largePhoto(): Promise<Buffer> {
  const w = 1200;
  const h = 900;
  const noise = Buffer.alloc(w * h);
  for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width: w, height: h, channels: 1 } })
    .resize(6000, 4500, { kernel: 'cubic' })
    .jpeg({ quality: 70 })
    .toBuffer();
}

describe('a worker killed in the middle of a job', () => {
  it('leaves the job to be retried by another worker, and nothing is lost', async () => {
    const first = spawnWorker(api, fastTakeover);
    workers.push(first);
    const res = await uploadPhoto(api, '0001', await largePhoto());
    expect(res.statusCode).toBe(202);
    const id = res.json().id as string;
    await waitUntil(
      async () => (await photoStates(api)).some((p) => p.id === id && p.status === 'processing'),
      30_000,
      5,
    );
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    const afterKill = (await photoStates(api)).find((p) => p.id === id)!;
    expect(afterKill.status, 'the kill must land while the job is in hand').toBe('processing');

    const second = spawnWorker(api, fastTakeover);
    workers.push(second);
    await waitUntil(
      async () => {
        const p = (await photoStates(api)).find((x) => x.id === id)!;
        return p.status === 'read' || p.status === 'unread';
      },
      60_000,
      100,
    );
    const done = (await photoStates(api)).find((p) => p.id === id)!;
    expect(done.attempts).toBe(2);
    const readings = await api.database.db.selectFrom('reading').select('id').where('photo_id', '=', id).execute();
    expect(readings.length).toBeLessThanOrEqual(1);
    await stopProcess(second);
    expect(second.exitCode).toBe(0);
  });

  it('finishes the job in hand on SIGTERM before it exits', async () => {
    const worker = spawnWorker(api, fastTakeover);
    workers.push(worker);
    const res = await uploadPhoto(api, '0002', await largePhoto());
    const id = res.json().id as string;
    await waitUntil(
      async () => (await photoStates(api)).some((p) => p.id === id && p.status === 'processing'),
      30_000,
      5,
    );
    await stopProcess(worker, 'SIGTERM');
    expect(worker.exitCode).toBe(0);
    const done = (await photoStates(api)).find((p) => p.id === id)!;
    expect(['read', 'unread']).toContain(done.status);
    expect(done.attempts).toBe(1);
  });
});
