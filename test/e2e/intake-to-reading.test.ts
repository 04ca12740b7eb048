import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officialCsv, stationsCsv } from '../support/election-fixture.js';
import { freePort, spawnNode, stopProcess, waitUntil } from '../support/processes.js';
import { renderProtocolPhoto } from '../support/protocol-image.js';
import { createTestDatabase, type TTestDatabase } from '../support/test-database.js';
import { testRedisUrl } from '../support/test-env.js';

const code = presidentialDefinition.code;
const adminToken = randomBytes(24).toString('hex');
let database: TTestDatabase;
let storage: string;
let base: string;
let api: ReturnType<typeof spawnNode>;
let worker: ReturnType<typeof spawnNode>;

beforeAll(async () => {
  database = await createTestDatabase();
  storage = await mkdtemp(join(tmpdir(), 'crosstally-e2e-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    STORAGE_DIR: storage,
    QUEUE_PREFIX: `e2e-${randomBytes(4).toString('hex')}`,
    ADMIN_TOKEN: adminToken,
    PORT: String(port),
    LOG_LEVEL: 'warn',
    OUTBOX_POLL_MS: '200',
  };
  api = spawnNode('apps/api/dist/server.js', env);
  await waitUntil(async () => (await fetch(`${base}/ready`).catch(() => undefined))?.ok === true, 30_000, 100);
  worker = spawnNode('apps/worker/dist/main.js', env);
});
afterAll(async () => {
  if (api) await stopProcess(api);
  if (worker) await stopProcess(worker);
  await database?.drop();
  await rm(storage, { recursive: true, force: true });
});

const admin = { authorization: `Bearer ${adminToken}` };
const csvPost = (path: string, body: string) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { ...admin, 'content-type': 'text/csv' }, body });

describe('from import to a reading, over HTTP with the real processes', () => {
  it('imports an election, takes a self-report and a protocol photo, and the worker reads its QR', async () => {
    const election = await fetch(`${base}/v1/admin/elections`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify(presidentialDefinition),
    });
    expect(election.status).toBe(201);
    expect((await csvPost(`/v1/admin/elections/${code}/stations`, stationsCsv(20))).status).toBe(200);
    const codes = Array.from({ length: 20 }, (_, i) => String(i + 1).padStart(4, '0'));
    expect((await csvPost(`/v1/admin/elections/${code}/official`, officialCsv(codes))).status).toBe(200);

    const report = await fetch(`${base}/v1/elections/${code}/self-reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        station: '0007',
        candidate: 'barysevich',
        voterKind: 'phone',
        voterToken: '+375 44 765 43 21',
      }),
    });
    expect(report.status).toBe(201);

    const byNumber = Object.fromEntries(
      presidentialDefinition.form.lines.map((l) => [l.number, presidentialSampleValues[l.key]!]),
    );
    const photo = await renderProtocolPhoto({ election: code, station: '0007', lines: byNumber, qr: true, rotate: 4 });
    const form = new FormData();
    form.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'protocol.jpg');
    const upload = await fetch(`${base}/v1/elections/${code}/stations/0007/photos`, { method: 'POST', body: form });
    expect(upload.status).toBe(202);
    const accepted = (await upload.json()) as { id: string; statusUrl: string };

    let status: {
      status: string;
      readings: { method: string; stationCodeRead: string; lines: Record<string, number> }[];
    };
    const started = Date.now();
    await waitUntil(
      async () => {
        status = await (await fetch(`${base}${accepted.statusUrl}`)).json();
        return status.status !== 'queued' && status.status !== 'processing';
      },
      60_000,
      100,
    );
    console.log(`upload to reading: ${Date.now() - started} ms`);
    expect(status!.status).toBe('read');
    expect(status!.readings).toHaveLength(1);
    expect(status!.readings[0]).toMatchObject({
      method: 'qr',
      stationCodeRead: '0007',
      lines: presidentialSampleValues,
    });

    const again = new FormData();
    again.append('photo', new Blob([photo], { type: 'image/jpeg' }), 'same.jpg');
    const repeat = await fetch(`${base}/v1/elections/${code}/stations/0007/photos`, { method: 'POST', body: again });
    expect(repeat.status).toBe(200);
    expect(((await repeat.json()) as { known: boolean; id: string }).id).toBe(accepted.id);
  });

  it('stops both processes gracefully on SIGTERM', async () => {
    await stopProcess(worker);
    await stopProcess(api);
    expect(worker.exitCode).toBe(0);
    expect(api.exitCode).toBe(0);
  });
});
