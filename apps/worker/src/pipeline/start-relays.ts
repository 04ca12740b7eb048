import type { Db } from '@crosstally/shared';
import type { Logger } from 'pino';
import { drainDirtyStations } from './dirty-station-relay.js';
import { drainOutbox } from './outbox-relay.js';
import type { TQueues } from './queues.js';
import { RelayLoop } from './relay-loop.js';
import { sweepStaleWork } from './sweep-stale-work.js';

export type TRelayDeps = { db: Db; databaseUrl: string; queues: TQueues };
export type TRelayOptions = { pollMs: number; sweepAfterMs: number; recomputeIntervalMs?: number };

/**
 * The pipeline's moving parts, run by every worker process: relay the outbox (photo and
 * election jobs), relay stations whose evidence changed (recompute jobs), and sweep up work
 * that Redis lost. Several workers relay side by side without double work: outbox rows are
 * taken FOR UPDATE SKIP LOCKED, every job has an id (or a deduplication id) that makes a
 * second add a no-op, and sweepers skip the rows another one holds.
 */
export async function startRelays(
  deps: TRelayDeps,
  options: TRelayOptions,
  log: Logger,
): Promise<{ stop: () => Promise<void> }> {
  const common = { db: deps.db, databaseUrl: deps.databaseUrl, pollMs: options.pollMs, log };
  const outbox = new RelayLoop({
    ...common,
    name: 'outbox',
    channel: 'outbox',
    minIntervalMs: 20,
    drain: drainOutbox(deps.queues),
  });
  const dirty = new RelayLoop({
    ...common,
    name: 'stations',
    channel: 'station_dirty',
    // A station's flags lag its evidence by about a second; in return a burst of reports
    // costs one recompute per station per second, not one per report.
    minIntervalMs: options.recomputeIntervalMs ?? 1000,
    drain: drainDirtyStations(deps.queues.stations),
  });
  await outbox.start();
  await dirty.start();
  // One sweep at a time: a slow one (Redis away) must not pile up behind the timer.
  let sweeping: Promise<unknown> | undefined;
  const sweepDeps = { db: deps.db, queues: deps.queues, log };
  const sweeper = setInterval(
    () => {
      sweeping ??= sweepStaleWork({ ...sweepDeps, olderThanMs: options.sweepAfterMs })
        .catch((error: unknown) => log.warn({ err: error }, 'sweep skipped'))
        .finally(() => (sweeping = undefined));
    },
    Math.max(500, Math.floor(options.sweepAfterMs / 2)),
  );
  sweeper.unref();
  return {
    stop: async () => {
      clearInterval(sweeper);
      await outbox.stop();
      await dirty.stop();
      await sweeping;
    },
  };
}
