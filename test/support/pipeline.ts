import pino from 'pino';
import { OutboxRelay } from '../../apps/api/src/outbox/outbox-relay.js';
import { sweepStalePhotos } from '../../apps/api/src/outbox/photo-sweeper.js';
import { election, electionCode, stationsCsv } from './election-fixture.js';
import { multipart } from './multipart.js';
import { spawnNode } from './processes.js';
import { adminHeaders, type TTestApi } from './test-api.js';

const silent = pino({ level: 'silent' });

/** The relay and the sweeper as the API process runs them, at test speed. */
export async function startRelay(api: TTestApi): Promise<{ stop: () => Promise<void> }> {
  const relay = new OutboxRelay({ ...api.deps, databaseUrl: api.config.databaseUrl, pollMs: 100, log: silent });
  await relay.start();
  const sweeper = setInterval(() => {
    sweepStalePhotos({ ...api.deps, olderThanMs: 1500, log: silent }).catch(() => undefined);
  }, 500);
  return {
    stop: async () => {
      clearInterval(sweeper);
      await relay.stop();
    },
  };
}

export function spawnWorker(api: TTestApi, extra: Record<string, string> = {}) {
  return spawnNode('apps/worker/dist/main.js', {
    DATABASE_URL: api.env.DATABASE_URL!,
    REDIS_URL: api.env.REDIS_URL!,
    STORAGE_DIR: api.env.STORAGE_DIR!,
    QUEUE_PREFIX: api.env.QUEUE_PREFIX!,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '2',
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
  return api.database.db.selectFrom('protocol_photo').select(['id', 'status', 'attempts', 'failure_reason']).execute();
}
