import { election, electionCode, stationsCsv } from './election-fixture.js';
import { multipart } from './multipart.js';
import { startRelaysFor } from './in-process-worker.js';
import { spawnNode } from './processes.js';
import { adminHeaders, type TTestApi } from './test-api.js';

/**
 * The relays and the sweeper as a worker process runs them, at test speed, here: they keep
 * relaying while a test stops its spawned workers (a spawned worker relays too, as several
 * workers do side by side).
 */
export async function startRelay(api: TTestApi): Promise<{ stop: () => Promise<void> }> {
  return startRelaysFor(api.config, api.database.db);
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
    OUTBOX_POLL_MS: '100',
    SWEEP_AFTER_MS: '1500',
    RECOMPUTE_INTERVAL_MS: '50',
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
