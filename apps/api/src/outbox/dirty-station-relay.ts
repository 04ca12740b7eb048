import { jobIdFor } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { TRelayDrain } from './relay-loop.js';
import { withTimeout } from './with-timeout.js';

const batchSize = 1000;

/**
 * Enqueues a recompute for each station whose evidence changed since its last enqueue. The
 * job id carries the station's change counter, so a change made while a recompute runs gets
 * a job of its own, and many changes between two passes get one job.
 */
export function drainDirtyStations(queue: Queue): TRelayDrain {
  return (db) =>
    db.transaction().execute(async (trx) => {
      const rows = await sql<{ station_id: number; version: string }>`
        select station_id, version from station_dirty
        where enqueued_version is distinct from version
        order by marked_at limit ${batchSize}
        for update skip locked`.execute(trx);
      if (rows.rows.length === 0) return 0;
      await withTimeout(
        queue.addBulk(
          rows.rows.map((r) => ({
            name: 'recompute-station',
            data: { stationId: r.station_id },
            opts: { jobId: jobIdFor('recompute-station', `${r.station_id}-${r.version}`) },
          })),
        ),
        5000,
        'queue add',
      );
      await sql`
        update station_dirty d set enqueued_version = v.version
        from unnest(${rows.rows.map((r) => r.station_id)}::int[], ${rows.rows.map((r) => r.version)}::bigint[]) as v(station_id, version)
        where d.station_id = v.station_id`.execute(trx);
      return rows.rows.length;
    });
}
