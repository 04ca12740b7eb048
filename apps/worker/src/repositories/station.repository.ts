import type { Db, DbOrTrx } from '@crosstally/shared';
import { sql } from 'kysely';
import { commitWithoutWaitingForDisk } from './outbox.repository.js';

/** The station's evidence version, read before a recompute so that its mark is settled only if unchanged. */
export async function dirtyVersionOf(db: Db, stationId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('station_dirty')
    .select('version')
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  return row?.version;
}

/** Removes the mark if no change arrived since `version` was read; false: another recompute is due. */
export async function settleDirtyStation(db: Db, stationId: number, version: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('station_dirty')
    .where('station_id', '=', stationId)
    .where('version', '=', version)
    .executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

/** The marks of an election's stations as they stand, read before a whole-election recompute. */
export async function dirtyMarksOf(db: Db, electionId: number): Promise<TDirtyStation[]> {
  return db
    .selectFrom('station_dirty')
    .select(['station_id', 'version'])
    .where('election_id', '=', electionId)
    .execute();
}

/**
 * Removes the marks a whole-election recompute covered: those read before it began and not
 * bumped since (a change during the run keeps its mark, and the relay recomputes it again).
 * By version, not by time: a mark's time is when its transaction began, not when it committed.
 */
export async function settleDirtyMarks(db: DbOrTrx, marks: readonly TDirtyStation[]): Promise<void> {
  if (marks.length === 0) return;
  // Locked in station order first: a join deletes in the order of its plan, which is not the
  // order intake and the relay lock these rows in.
  await sql`
    with m as (
      select * from unnest(${marks.map((m) => m.station_id)}::int[], ${marks.map((m) => m.version)}::bigint[])
        as t(station_id, version)
    ),
    locked as (
      select d.station_id from station_dirty d join m using (station_id, version)
      order by d.station_id for update of d
    )
    delete from station_dirty d using locked where d.station_id = locked.station_id`.execute(db);
}

export async function electionOfStation(db: Db, stationId: number): Promise<number | undefined> {
  const row = await db.selectFrom('station').select('election_id').where('id', '=', stationId).executeTakeFirst();
  return row?.election_id;
}

/** An election's stations in id order: a whole recompute takes them in chunks of this list. */
export async function stationIdsOf(db: Db, electionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('station')
    .select('id')
    .where('election_id', '=', electionId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

export type TDirtyStation = { station_id: number; version: string };

/** Stations whose evidence changed since their last enqueue, oldest change first; read without locks. */
export async function pendingDirtyStations(db: DbOrTrx, limit: number): Promise<TDirtyStation[]> {
  const { rows } = await sql<TDirtyStation>`
    select station_id, version from station_dirty
    where enqueued_version is distinct from version
    order by marked_at limit ${limit}`.execute(db);
  return rows;
}

/** Records which version of each station was enqueued, so that it is not enqueued again. */
export async function markDirtyEnqueued(db: Db, rows: TDirtyStation[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // As for the outbox: a lost mark only means enqueueing again.
    await commitWithoutWaitingForDisk(trx);
    // Rows locked in station order, as intake locks them: two writers never wait in a circle.
    await sql`
      with v as (
        select * from unnest(${rows.map((r) => r.station_id)}::int[], ${rows.map((r) => r.version)}::bigint[])
          as t(station_id, version)
      ),
      locked as (
        select d.station_id from station_dirty d join v using (station_id) order by d.station_id for update of d
      )
      update station_dirty d set enqueued_version = v.version
      from v join locked using (station_id)
      where d.station_id = v.station_id`.execute(trx);
  });
}

/**
 * Stations still marked dirty long after their recompute was enqueued: the job was lost or
 * failed for good. Clearing the enqueue mark lets the relay enqueue them again. Locked in
 * station order, as intake locks these rows (no deadlock with it), skipping rows another
 * worker's sweeper holds.
 */
export async function requeueStaleStations(db: DbOrTrx, olderThanMs: number): Promise<number> {
  const result = await sql`
    with stale as (
      select station_id from station_dirty
      where enqueued_version = version
        and marked_at < now() - make_interval(secs => ${olderThanMs / 1000})
      order by station_id for update skip locked
    )
    update station_dirty d set enqueued_version = null from stale where d.station_id = stale.station_id`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Serializes the forensic refreshes of one election until the transaction ends. */
export async function lockElectionForensics(trx: DbOrTrx, electionId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('forensics'), ${electionId})`.execute(trx);
}
