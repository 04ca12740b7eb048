import pino from 'pino';
import { startRelays } from '../../apps/api/src/outbox/start-relays.js';
import { election, electionCode, stationsCsv } from './election-fixture.js';
import { multipart } from './multipart.js';
import { spawnNode } from './processes.js';
import { adminHeaders, type TTestApi } from './test-api.js';

const silent = pino({ level: 'silent' });

/** The relays and the sweeper as the API process runs them, at test speed. */
export async function startRelay(api: TTestApi): Promise<{ stop: () => Promise<void> }> {
  return startRelays(api.deps, { pollMs: 100, sweepAfterMs: 1500, recomputeIntervalMs: 50 }, silent);
}

export function spawnWorker(api: TTestApi, extra: Record<string, string> = {}) {
  return spawnNode('apps/worker/dist/main.js', {
    DATABASE_URL: api.env.DATABASE_URL!,
    REDIS_URL: api.env.REDIS_URL!,
    STORAGE_DIR: api.env.STORAGE_DIR!,
    QUEUE_PREFIX: api.env.QUEUE_PREFIX!,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '2',
    OCR_WORKERS: '1',
    ...extra,
  });
}

export async function setupElection(api: TTestApi, stations = 5): Promise<void> {
  await api.app.inject({ method: 'POST', url: '/v1/admin/elections', headers: adminHeaders, payload: election });
  await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: stationsCsv(stations),
  });
}

export async function uploadPhoto(api: TTestApi, station: string, data: Buffer) {
  return api.app.inject({
    method: 'POST',
    url: `/v1/elections/${electionCode}/stations/${station}/photos`,
    ...multipart({}, [{ field: 'photo', filename: 'p.jpg', contentType: 'image/jpeg', data }]),
  });
}

export async function photoStates(api: TTestApi) {
  return api.database.db
    .selectFrom('protocol_photo')
    .select(['id', 'status', 'attempts', 'failure_reason', 'failure_code'])
    .execute();
}
