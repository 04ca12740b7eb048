import { deduplicationOf, withTimeout, type TRecomputeStationJob } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import type { TRelayDrain } from './relay-loop.js';
import { markDirtyEnqueued, pendingDirtyStations } from '../repositories/station.repository.js';

const batchSize = 2000;

/**
 * Enqueues a recompute for each station whose evidence changed since its last enqueue. One
 * job per station at a time: BullMQ deduplicates by station, and a change that arrives while
 * the station's recompute runs gets exactly one follow-up job (keepLastIfActive).
 *
 * The rows are read without locks and marked afterwards, so intake, which bumps the same
 * rows with every batch, never waits on Redis. A station enqueued twice by two relays (two
 * worker processes) is harmless: the deduplication keeps one job.
 */
export function drainDirtyStations(queue: Queue): TRelayDrain {
  return async (db) => {
    const rows = await pendingDirtyStations(db, batchSize);
    if (rows.length === 0) return 0;
    await withTimeout(
      queue.addBulk(
        rows.map((r) => {
          const data: TRecomputeStationJob = { stationId: r.station_id };
          const id = deduplicationOf('recompute-station', data)!;
          return { name: 'recompute-station', data, opts: { deduplication: { id, keepLastIfActive: true } } };
        }),
      ),
      10_000,
      'queue add',
    );
    await markDirtyEnqueued(db, rows);
    // A full batch means more may be waiting; a short one means the table is drained.
    return rows.length === batchSize ? rows.length : 0;
  };
}
