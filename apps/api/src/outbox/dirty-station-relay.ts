import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { TRelayDrain } from './relay-loop.js';
import { withTimeout } from './with-timeout.js';

const batchSize = 2000;

/**
 * Enqueues a recompute for each station whose evidence changed since its last enqueue. One
 * job per station at a time: BullMQ deduplicates by station, and a change that arrives while
 * the station's recompute runs gets exactly one follow-up job (keepLastIfActive).
 *
 * The rows are read without locks and marked afterwards, so intake, which bumps the same
 * rows with every batch, never waits on Redis. A station enqueued twice by two relays is
 * harmless: the deduplication keeps one job.
 */
export function drainDirtyStations(queue: Queue): TRelayDrain {
  return async (db) => {
    const rows = await sql<{ station_id: number; version: string }>`
      select station_id, version from station_dirty
      where enqueued_version is distinct from version
      order by marked_at limit ${batchSize}`.execute(db);
    if (rows.rows.length === 0) return 0;
    await withTimeout(
      queue.addBulk(
        rows.rows.map((r) => ({
          name: 'recompute-station',
          data: { stationId: r.station_id },
          opts: { deduplication: { id: `station-${r.station_id}`, keepLastIfActive: true } },
        })),
      ),
      10_000,
      'queue add',
    );
    // As for the outbox: a lost mark only means enqueueing again, so no waiting for the disk.
    await db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      // Rows locked in station order, as intake locks them: two writers never wait in a circle.
      await sql`
        with v as (
          select * from unnest(${rows.rows.map((r) => r.station_id)}::int[], ${rows.rows.map((r) => r.version)}::bigint[])
            as t(station_id, version)
        ),
        locked as (
          select d.station_id from station_dirty d join v using (station_id) order by d.station_id for update of d
        )
        update station_dirty d set enqueued_version = v.version
        from v join locked using (station_id)
        where d.station_id = v.station_id`.execute(trx);
    });
    // A full batch means more may be waiting; a short one means the table is drained.
    return rows.rows.length === batchSize ? rows.rows.length : 0;
  };
}
