import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { election, electionCode, officialCsv, stationsHeader } from '../../support/election-fixture.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { adminHeaders, createTestApi, testAdminToken, type TTestApi } from '../../support/test-api.js';

// Issue 14, item 1, tried as the attacker did: readers that ask for a large report and never
// read it. Each download used to hold a pooled connection for its cursor until the stream
// ended, so ten such sockets took every connection and every page, report and upload hung.
// Here the API listens on loopback; the stalled readers are raw sockets that send the request
// and never read a byte.
const stations = 5_000;
const readers = 10;
const idleSeconds = 3;
let api: TTestApi;
let base: string;
/** The server's end of each connection, by the client's port. */
const serverEnds = new Map<number, Socket>();

beforeAll(async () => {
  api = await createTestApi({ DB_POOL_SIZE: '4', SOCKET_IDLE_SECONDS: String(idleSeconds) }, { pipeline: true });
  const csv = { ...adminHeaders, 'content-type': 'text/csv' };
  await api.app.inject({ method: 'POST', url: '/v1/admin/elections', headers: adminHeaders, payload: election });
  const codes = Array.from({ length: stations }, (_, i) => String(i + 1).padStart(5, '0'));
  // Long names make a report of several megabytes, far more than socket buffers hold.
  const name = (i: number) => `Station ${i} ${'x'.repeat(480)}`;
  const rows = codes.map((code, i) => [code, `Minsk/District ${i % 7}`, name(i), name(i), 'a', 'a', 1500].join(','));
  const imported = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: csv,
    payload: [stationsHeader, ...rows].join('\n') + '\n',
  });
  expect(imported.statusCode, imported.body).toBe(200);
  const official = await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/official`,
    headers: csv,
    payload: officialCsv(codes, (_code, v) => {
      v.invalid! += 7;
    }),
  });
  expect(official.statusCode, official.body).toBe(200);
  await recomputeElection(api.app, electionCode);
  base = await api.app.listen({ host: '127.0.0.1', port: 0 });
  api.app.server.on('connection', (socket: Socket) => serverEnds.set(socket.remotePort!, socket));
}, 120_000);
afterAll(async () => api?.close());

/**
 * A reader that asks for the report and never reads. Its own end never learns that the
 * server let it go (what the server sent sits unread in its buffer), so `closed` watches the
 * server's end of the connection.
 */
async function stalledReader(url: URL): Promise<{ socket: Socket; closed: Promise<number> }> {
  const socket = connect(Number(url.port), url.hostname);
  socket.on('error', () => undefined);
  await once(socket, 'connect');
  const started = Date.now();
  socket.write(`GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nAuthorization: Bearer ${testAdminToken}\r\n\r\n`);
  socket.pause();
  for (let i = 0; i < 100 && !serverEnds.has(socket.localPort!); i += 1) await new Promise((r) => setTimeout(r, 10));
  const end = serverEnds.get(socket.localPort!)!;
  const closed = end.destroyed
    ? Promise.resolve(0)
    : new Promise<number>((resolve) => end.once('close', () => resolve(Date.now() - started)));
  return { socket, closed };
}

async function timed(path: string, init?: RequestInit) {
  const started = Date.now();
  const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(10_000) });
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started };
}

describe('report downloads against intake', () => {
  it('ten readers who never read leave intake, pages and readiness answering within a second', async () => {
    const full = await fetch(`${base}/v1/elections/${electionCode}/report.json`, { headers: adminHeaders });
    const size = (await full.arrayBuffer()).byteLength;
    expect(size).toBeGreaterThan(6_000_000);

    const stalled = await Promise.all(
      Array.from({ length: readers }, () => stalledReader(new URL(`${base}/v1/elections/${electionCode}/report.json`))),
    );
    // Long enough for every stalled download to have started and filled its socket.
    await new Promise((r) => setTimeout(r, 1_500));
    const answers = [];
    for (let i = 0; i < 3; i += 1) {
      answers.push(
        await timed(`/v1/elections/${electionCode}/self-reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            station: '00001',
            candidate: 'adamovich',
            voterKind: 'code',
            voterToken: `STALL-${i}`,
          }),
        }),
        await timed('/'),
        await timed('/ready'),
        await timed(`/v1/elections/${electionCode}/summary`, { headers: adminHeaders }),
      );
    }
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 3 }, () => [201, 200, 200, 200]).flat());
    for (const a of answers) expect(a.ms).toBeLessThan(1_000);
    // No report connection is held for a reader: each build ended when the database had answered.
    expect(api.deps.reportPool.totalCount - api.deps.reportPool.idleCount).toBe(0);

    // A reader that moves nothing is let go once the socket has been idle for the set time.
    const closedAfter = await Promise.all(stalled.map((s) => s.closed));
    for (const ms of closedAfter) expect(ms).toBeLessThan((idleSeconds + 8) * 1000);
    for (const s of stalled) s.socket.destroy();
  }, 60_000);

  it('serves the report gzipped to readers who take it, and 304 to readers who hold it', async () => {
    const url = `${base}/v1/elections/${electionCode}/report.csv`;
    const plain = await fetch(url, { headers: { ...adminHeaders, 'accept-encoding': 'identity' } });
    const plainBody = Buffer.from(await plain.arrayBuffer());
    const etag = plain.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(plain.headers.get('x-audit-head')).toBeTruthy();

    // fetch would gunzip by itself: a raw request shows what is on the wire.
    const gz = await rawGet(new URL(url), { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plainBody.length / 5);
    expect(gunzipSync(gz.body).equals(plainBody)).toBe(true);

    const again = await fetch(url, { headers: { ...adminHeaders, 'if-none-match': etag! } });
    expect(again.status).toBe(304);

    // A change in what the report rests on gives a new body and a new tag.
    const change = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/official`,
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: officialCsv(['00001'], (_code, v) => {
        v.invalid! += 9;
      }),
    });
    expect(change.statusCode, change.body).toBe(200);
    const changed = await fetch(url, { headers: { ...adminHeaders, 'if-none-match': etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await changed.arrayBuffer();
  }, 60_000);
});

async function rawGet(url: URL, headers: Record<string, string>) {
  const socket = connect(Number(url.port), url.hostname);
  const lines = [`GET ${url.pathname} HTTP/1.1`, `Host: ${url.host}`, `Authorization: Bearer ${testAdminToken}`];
  for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
  socket.write(`${lines.join('\r\n')}\r\nConnection: close\r\n\r\n`);
  const chunks: Buffer[] = [];
  for await (const chunk of socket) chunks.push(chunk as Buffer);
  const all = Buffer.concat(chunks);
  const end = all.indexOf('\r\n\r\n');
  const head = all.subarray(0, end).toString('latin1').split('\r\n');
  const parsed: Record<string, string> = {};
  for (const line of head.slice(1)) {
    const at = line.indexOf(':');
    parsed[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return { headers: parsed, body: all.subarray(end + 4) };
}
