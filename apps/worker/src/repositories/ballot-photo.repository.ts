import { markStationsDirty, type Db } from '@crosstally/shared';
import { sql } from 'kysely';

export type TBallotPhotoRow = {
  id: string;
  election_id: number;
  sha256: string;
  mime: string;
  first_voter_hash: Buffer | null;
  printed_at: Date | null;
};

export async function loadBallotPhoto(db: Db, id: string): Promise<TBallotPhotoRow | undefined> {
  return db
    .selectFrom('ballot_photo')
    .select(['id', 'election_id', 'sha256', 'mime', 'first_voter_hash', 'printed_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Records the photo's hashes and returns other voters' ballot photos of the election whose
 * hashes come near them: any of theirs near its full frame, or any of its near theirs (a crop
 * of one matches the other's centre or corner). Nearest first, at most `limit`. One election's
 * photos take turns here, so of two near copies printed at once the later sees the earlier.
 */
export async function recordHashesAndFindCandidates(
  db: Db,
  photo: TBallotPhotoRow,
  hashes: bigint[],
  maxBits: number,
  limit: number,
): Promise<{ id: string; sha256: string; mime: string }[]> {
  const mine = hashes.map(String);
  const distance = (a: unknown, b: unknown) => sql`bit_count((${a}::bigint # ${b}::bigint)::bit(64))`;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('print-ballot'), ${photo.election_id})`.execute(trx);
    await sql`update ballot_photo set hashes = ${mine}::bigint[] where id = ${photo.id}`.execute(trx);
    const { rows } = await sql<{ id: string; sha256: string; mime: string }>`
      select o.id, o.sha256, o.mime from ballot_photo o
      cross join lateral (
        select least(
          (select min(${distance(sql`h`, mine[0])}) from unnest(o.hashes) h),
          (select min(${distance(sql`m`, sql`o.hashes[1]`)}) from unnest(${mine}::bigint[]) m)) as bits) d
      where o.election_id = ${photo.election_id} and o.id <> ${photo.id} and o.hashes is not null
        and o.first_voter_hash is distinct from ${photo.first_voter_hash}
        and d.bits <= ${maxBits}
      order by d.bits, o.id
      limit ${limit}`.execute(trx);
    return rows;
  });
}

/**
 * The outcome of the comparison: the copy found (if any) makes both photos shared (a near copy
 * under two identities verifies neither). Either way the stations of every report standing on
 * the photo (and on its copy) are recomputed in the same commit: a photo counts toward proof
 * only once compared, so its reports may have just become verified.
 */
export async function saveCopyOutcome(
  db: Db,
  photo: TBallotPhotoRow,
  copy: { of: string; score: number } | null,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`
      update ballot_photo set printed_at = now(), copy_of = ${copy?.of ?? null}, copy_score = ${copy?.score ?? null},
        shared = shared or ${copy !== null}
      where id = ${photo.id}`.execute(trx);
    if (copy) await sql`update ballot_photo set shared = true where id = ${copy.of}`.execute(trx);
    const stations = await trx
      .selectFrom('self_report')
      .select('station_id')
      .distinct()
      .where('ballot_photo_id', 'in', copy ? [photo.id, copy.of] : [photo.id])
      .execute();
    await markStationsDirty(
      trx,
      photo.election_id,
      stations.map((s) => s.station_id).sort((a, b) => a - b),
    );
  });
}

/** Ballot photos not compared yet, the oldest first, made more than `olderThanMs` ago. */
export async function findUnprintedBallots(db: Db, olderThanMs: number, limit: number) {
  return db
    .selectFrom('ballot_photo')
    .select('id')
    .where('printed_at', 'is', null)
    .where('created_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
