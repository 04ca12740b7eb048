import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './database.js';

/**
 * Marks stations whose evidence changed so their flags get recomputed. Call it in the
 * transaction that changes the evidence: the mark commits with the change or not at all.
 */
export async function markStationsDirty(
  db: Kysely<Database> | Transaction<Database>,
  electionId: number,
  stationIds: readonly number[],
): Promise<void> {
  if (stationIds.length === 0) return;
  await sql`
    insert into station_dirty (station_id, election_id)
    select distinct unnest(${[...stationIds]}::int[]), ${electionId}::int
    on conflict (station_id) do update set version = station_dirty.version + 1, marked_at = now()`.execute(db);
}
