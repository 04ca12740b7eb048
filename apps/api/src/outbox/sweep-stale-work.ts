import type { Db } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { sweepStalePhotos } from './photo-sweeper.js';

type TSweepDeps = { db: Db; queue: Queue; olderThanMs: number; log: Logger };

/** Puts back work that Redis lost: photo jobs and station recomputes. */
export async function sweepStaleWork(deps: TSweepDeps): Promise<number> {
  return (await sweepStalePhotos(deps)) + (await requeueStaleStations(deps));
}

/**
 * A station still marked dirty long after its recompute was enqueued: the job was lost or
 * failed for good. Clearing the enqueue mark lets the relay enqueue it again.
 */
async function requeueStaleStations(deps: TSweepDeps): Promise<number> {
  // Locked in station order, as intake locks these rows: no deadlock with it.
  const result = await sql`
    with stale as (
      select station_id from station_dirty
      where enqueued_version = version
        and marked_at < now() - make_interval(secs => ${deps.olderThanMs / 1000})
      order by station_id for update skip locked
    )
    update station_dirty d set enqueued_version = null from stale where d.station_id = stale.station_id`.execute(
    deps.db,
  );
  const count = Number(result.numAffectedRows ?? 0);
  if (count > 0) deps.log.info({ count }, 're-enqueued station recomputes that were lost');
  return count;
}
