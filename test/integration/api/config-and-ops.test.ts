import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig } from '../../../apps/api/src/config.js';
import { loadWorkerConfig } from '../../../apps/worker/src/config.js';
import { election, electionCode, stationsCsv } from '../../support/election-fixture.js';
import { freePort, spawnNode, stopProcess, waitUntil } from '../../support/processes.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';
import { createTestDatabase } from '../../support/test-database.js';
import { testRedisUrl } from '../../support/test-env.js';

const bad = { PORT: 'abc', DATABASE_URL: 'mysql://user:hunter2@x/db', QUEUE_PREFIX: 'a:b', MAX_PHOTO_BYTES: '-1' };

function thrownBy(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration', () => {
  it('refuses bad API variables in one line naming every one, without echoing their values', () => {
    const message = thrownBy(() => loadApiConfig(bad));
    expect(message).not.toContain('\n');
    for (const name of Object.keys(bad)) expect(message).toContain(name);
    expect(message).not.toContain('hunter2');
  });

  it('refuses bad worker variables in one line, and ignores the API-only ones', () => {
    const message = thrownBy(() => loadWorkerConfig({ ...bad, WORKER_CONCURRENCY: '0', MAX_PHOTO_PIXELS: 'x' }));
    expect(message).not.toContain('\n');
    for (const name of ['DATABASE_URL', 'QUEUE_PREFIX', 'WORKER_CONCURRENCY', 'MAX_PHOTO_PIXELS'])
      expect(message).toContain(name);
    expect(message).not.toMatch(/\bPORT\b|MAX_PHOTO_BYTES/);
  });

  it('stops the API process at start with exactly one line on stderr naming PORT', async () => {
    const child = spawnNode('apps/api/dist/server.js', { PORT: 'notaport' });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    await stopProcess(child);
    expect(code).not.toBe(0);
    const lines = stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/\bPORT\b/);
  });
});

describe('operations endpoints', () => {
  let api: TTestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(async () => api?.close());

  it('answers /health, and /ready with PostgreSQL and Redis reachable', async () => {
    const health = await api.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    // Redis connects in the background: readiness may say "not yet" for the first milliseconds.
    const ready = () => api.app.inject({ method: 'GET', url: '/ready' });
    await waitUntil(async () => (await ready()).statusCode === 200, 5000, 20);
    expect((await ready()).json()).toMatchObject({ status: 'ready', database: 'ok', redis: 'ok' });
  });

  it('serves the OpenAPI document with the intake routes', async () => {
    const res = await api.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/elections/{election}/self-reports',
        '/v1/elections/{election}/stations/{station}/photos',
      ]),
    );
  });

  it('serves the Swagger UI from its own origin only', async () => {
    const page = await api.app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('swagger-ui');
    const refs = [...page.body.matchAll(/(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.filter((r) => /^(https?:)?\/\//i.test(r))).toEqual([]);
    // The script that starts the UI names the spec and the validator: both must stay local.
    const initializer = refs.find((r) => r.includes('swagger-initializer.js'));
    expect(initializer).toBeDefined();
    const init = await api.app.inject({ method: 'GET', url: new URL(initializer!, 'http://local/docs/').pathname });
    expect(init.statusCode).toBe(200);
    const code = init.body.replace(/^\s*\/\/.*$/gm, ''); // a comment links to an answer online; it loads nothing
    expect(code.match(/https?:\/\/[^\s'"`]+/g) ?? []).toEqual([]);
    expect(code).toMatch(/validatorUrl:\s*null/);
    // Every asset the page names is served here, and no stylesheet pulls from elsewhere.
    for (const ref of refs) {
      const asset = await api.app.inject({ method: 'GET', url: new URL(ref, 'http://local/docs/').pathname });
      expect(asset.statusCode, ref).toBe(200);
      if (ref.endsWith('.css')) expect(asset.body, ref).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    }
  });
});

describe('log privacy of the running API', () => {
  it('logs method and status, never tokens, phone numbers, query strings or addresses', async () => {
    const database = await createTestDatabase();
    const storage = await mkdtemp(join(tmpdir(), 'crosstally-logs-'));
    const port = await freePort();
    const adminToken = `admin-${randomBytes(16).toString('hex')}`;
    const base = `http://127.0.0.1:${port}`;
    const child = spawnNode('apps/api/dist/server.js', {
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl,
      STORAGE_DIR: storage,
      QUEUE_PREFIX: `test-${randomBytes(5).toString('hex')}`,
      ADMIN_TOKEN: adminToken,
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    try {
      await waitUntil(
        () =>
          fetch(`${base}/health`).then(
            (r) => r.ok,
            () => false,
          ),
        20_000,
        100,
      );
      const admin = { authorization: `Bearer ${adminToken}` };
      const json = { 'content-type': 'application/json' };
      const created = await fetch(`${base}/v1/admin/elections`, {
        method: 'POST',
        headers: { ...admin, ...json },
        body: JSON.stringify(election),
      });
      expect(created.status).toBe(201);
      const stations = await fetch(`${base}/v1/admin/elections/${electionCode}/stations`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'text/csv' },
        body: stationsCsv(2),
      });
      expect(stations.status).toBe(200);
      const report = await fetch(`${base}/v1/elections/${electionCode}/self-reports`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({
          station: '0001',
          candidate: 'dubovik',
          voterKind: 'phone',
          voterToken: '+375291112233',
        }),
      });
      expect(report.status).toBe(201);
      const broken = await fetch(`${base}/v1/elections/${electionCode}/self-reports`, {
        method: 'POST',
        headers: json,
        body: '{"voterKind":"phone","voterToken":"+375291112233",',
      });
      expect(broken.status).toBe(400);
      expect((await fetch(`${base}/health?token=secret123`)).status).toBe(200);
      expect((await fetch(`${base}/v1/nowhere?token=secret123`)).status).toBe(404);
    } finally {
      await stopProcess(child);
      await database.drop();
      await rm(storage, { recursive: true, force: true });
    }
    const output = child.output();
    const entries = output
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { req?: { method?: string; url?: string }; res?: { statusCode?: number } });
    // The assertions below must be able to fail: the requests were logged.
    expect(entries.some((e) => e.req?.method === 'POST' && e.req.url?.endsWith('/self-reports'))).toBe(true);
    expect(entries.some((e) => e.res?.statusCode === 201)).toBe(true);
    expect(entries.some((e) => e.req?.url === '/health')).toBe(true);
    for (const secret of ['375291112233', '+375 29', 'secret123', adminToken]) expect(output).not.toContain(secret);
    expect(output).not.toMatch(/remoteAddress|remotePort/);
    for (const e of entries.filter((x) => x.req || x.res)) expect(JSON.stringify(e)).not.toContain('127.0.0.1');
  });
});
