import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';

/**
 * Marks stations whose evidence changed so their flags get recomputed. Call it in the
 * transaction that changes the evidence: the mark commits with the change or not at all.
 *
 * Rows are locked in station order, as every other writer of station_dirty locks them, so
 * two transactions never wait on each other in a circle. `select distinct` is not enough:
 * PostgreSQL plans it as a HashAggregate once the list is long, in hash order (117
 * deadlocks in 3 s of four writers before this ordering).
 */
export async function markStationsDirty(
  db: Kysely<Database> | Transaction<Database>,
  electionId: number,
  stationIds: readonly number[],
): Promise<void> {
  if (stationIds.length === 0) return;
  await sql`
    insert into station_dirty (station_id, election_id)
    select s, ${electionId}::int from unnest(${[...stationIds]}::int[]) as s group by s order by s
    on conflict (station_id) do update set version = station_dirty.version + 1, marked_at = now()`.execute(db);
}
