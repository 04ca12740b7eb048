import { createServer, connect, type Server, type Socket } from 'node:net';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RelayLoop } from '../../../apps/worker/src/pipeline/relay-loop.js';
import { createTestDatabase, type TTestDatabase } from '../../support/test-database.js';

// The database-outage test once saw the worker exit: its connections were cut while it was
// still starting, and the relay's first LISTEN threw out of main. A relay started while the
// database is away must start on polling and listen once the database is back.
let database: TTestDatabase;
let gate: Server;
let open = false;
const sockets = new Set<Socket>();
beforeAll(async () => {
  database = await createTestDatabase();
  const target = new URL(database.url);
  // A loopback door in front of PostgreSQL: shut, it drops every connection at once.
  gate = createServer((client) => {
    if (!open) return void client.destroy();
    const server = connect(Number(target.port || 5432), target.hostname);
    for (const s of [client, server]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((r) => gate.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => gate?.close(r));
  await database?.drop();
});

describe('a relay started during an outage', () => {
  it('starts on polling, then listens once the database is back', async () => {
    const url = new URL(database.url);
    url.host = `127.0.0.1:${(gate.address() as { port: number }).port}`;
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    let drains = 0;
    const relay = new RelayLoop({
      name: 'test',
      db: database.db,
      databaseUrl: url.toString(),
      channel: 'relay_outage_test',
      pollMs: 60_000,
      minIntervalMs: 0,
      drain: async () => {
        drains += 1;
        return 0;
      },
      log,
    });
    await expect(relay.start()).resolves.toBeUndefined();
    expect(lines.some((l) => l.includes('relay starts on polling'))).toBe(true);
    await expect.poll(() => drains).toBeGreaterThan(0);

    open = true;
    await expect.poll(() => lines.some((l) => l.includes('relay listening again')), { timeout: 10_000 }).toBe(true);
    const before = drains;
    await sql`select pg_notify('relay_outage_test', '')`.execute(database.db);
    await expect.poll(() => drains, { timeout: 5_000 }).toBeGreaterThan(before);
    await relay.stop();
  }, 30_000);
});
