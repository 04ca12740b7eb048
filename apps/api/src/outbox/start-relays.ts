import type { Logger } from 'pino';
import type { TApiDeps } from '../deps.js';
import { drainDirtyStations } from './dirty-station-relay.js';
import { drainOutbox } from './outbox-relay.js';
import { RelayLoop } from './relay-loop.js';
import { sweepStaleWork } from './sweep-stale-work.js';

/**
 * The API process's background duties: relay the outbox (photo jobs), relay stations whose
 * evidence changed (recompute jobs), and sweep up work that Redis lost.
 */
export async function startRelays(
  deps: TApiDeps,
  options: { pollMs: number; sweepAfterMs: number; recomputeIntervalMs?: number },
  log: Logger,
): Promise<{ stop: () => Promise<void> }> {
  const common = { db: deps.db, databaseUrl: deps.config.databaseUrl, pollMs: options.pollMs, log };
  const outbox = new RelayLoop({
    ...common,
    name: 'outbox',
    channel: 'outbox',
    minIntervalMs: 20,
    drain: drainOutbox(deps.queue),
  });
  const dirty = new RelayLoop({
    ...common,
    name: 'stations',
    channel: 'station_dirty',
    // A station's flags lag its evidence by about a second; in return a burst of reports
    // costs one recompute per station per second, not one per report.
    minIntervalMs: options.recomputeIntervalMs ?? 1000,
    drain: drainDirtyStations(deps.stationsQueue),
  });
  await outbox.start();
  await dirty.start();
  const sweeper = setInterval(
    () => {
      sweepStaleWork({ ...deps, olderThanMs: options.sweepAfterMs, log }).catch((error: unknown) =>
        log.warn({ err: error }, 'sweep skipped'),
      );
    },
    Math.max(500, Math.floor(options.sweepAfterMs / 2)),
  );
  sweeper.unref();
  return {
    stop: async () => {
      clearInterval(sweeper);
      await outbox.stop();
      await dirty.stop();
    },
  };
}
