import type { TBallotAgreement, TBallotAnswer, TBallotProblem, TIdentityKind } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

export type TBallotPhotoRow = {
  id: string;
  election_id: number;
  sha256: string;
  mime: string;
  shared: boolean;
  checks: number;
  agreed_votes: number;
};

/**
 * The next ballot photo for this person to check: one that a report still stands on, from a
 * voter whose identity kind the policy verifies (checking a claim could prove nothing), not
 * shared (a shared photo verifies nobody), at a station in the person's regions, not checked
 * by them, and not settled. Photos others began come first, so checks finish.
 */
export async function nextBallotPhotoToCheck(
  db: DbOrTrx,
  q: { electionId: number; userId: number; scope: RawBuilder<boolean>; identities: TIdentityKind[]; needed: number },
): Promise<{ id: string; checks: number } | undefined> {
  const { rows } = await sql<{ id: string; checks: number }>`
    select b.id, b.checks from ballot_photo b
    where b.election_id = ${q.electionId} and not b.shared
      and b.agreed_votes < ${q.needed}::int and b.checks < greatest(1, 2 * ${q.needed}::int - 1)
      and not exists (select 1 from ballot_check c where c.ballot_photo_id = b.id and c.user_id = ${q.userId})
      and exists (
        select 1 from self_report sr join station s on s.id = sr.station_id join region r on r.id = s.region_id
        where sr.ballot_photo_id = b.id and sr.identity_kind = any(${q.identities}::text[]) and ${q.scope})
    order by b.checks desc, b.created_at, b.id
    limit 1`.execute(db);
  return rows[0];
}

/** The ballot photo if a report at a station in the caller's scope stands on it: else as if missing. */
export async function findBallotPhotoInScope(
  db: DbOrTrx,
  photoId: string,
  scopeOf: (electionId: number) => RawBuilder<boolean>,
): Promise<TBallotPhotoRow | undefined> {
  const photo = await db
    .selectFrom('ballot_photo')
    .select(['id', 'election_id', 'sha256', 'mime', 'shared', 'checks', 'agreed_votes'])
    .where('id', '=', photoId)
    .executeTakeFirst();
  if (!photo) return undefined;
  const { rows } = await sql<{ id: string }>`
    select sr.id from self_report sr join station s on s.id = sr.station_id join region r on r.id = s.region_id
    where sr.ballot_photo_id = ${photoId} and ${scopeOf(photo.election_id)} limit 1`.execute(db);
  return rows.length > 0 ? photo : undefined;
}

/** One check at a time per photo: two people finishing together see each other's answer. */
export async function lockBallotPhoto(trx: DbOrTrx, photoId: string): Promise<{ checks: number }> {
  const { rows } = await sql<{
    checks: number;
  }>`select checks from ballot_photo where id = ${photoId} for update`.execute(trx);
  return rows[0]!;
}

export async function hasChecked(trx: DbOrTrx, photoId: string, userId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('ballot_check')
    .select('id')
    .where('ballot_photo_id', '=', photoId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertBallotCheck(
  trx: DbOrTrx,
  check: { photoId: string; userId: number; isBallot: boolean; candidateId: number | null; problems: TBallotProblem[] },
): Promise<string> {
  const { id } = await trx
    .insertInto('ballot_check')
    .values({
      ballot_photo_id: check.photoId,
      user_id: check.userId,
      is_ballot: check.isBallot,
      candidate_id: check.candidateId,
      problems: check.problems,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function listBallotChecks(trx: DbOrTrx, photoId: string): Promise<TBallotAnswer[]> {
  const rows = await trx
    .selectFrom('ballot_check')
    .select(['is_ballot', 'candidate_id', 'problems'])
    .where('ballot_photo_id', '=', photoId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ isBallot: r.is_ballot, candidateId: r.candidate_id, problems: r.problems }));
}

/** The photo's standing agreement after a check, and the stations whose reports stand on it. */
export async function setBallotAgreement(
  trx: DbOrTrx,
  photoId: string,
  checks: number,
  agreement: TBallotAgreement,
): Promise<number[]> {
  await trx
    .updateTable('ballot_photo')
    .set({
      checks,
      agreed_verdict: agreement?.verdict ?? null,
      agreed_candidate_id: agreement?.candidateId ?? null,
      agreed_votes: agreement?.votes ?? 0,
    })
    .where('id', '=', photoId)
    .execute();
  const stations = await trx
    .selectFrom('self_report')
    .select('station_id')
    .distinct()
    .where('ballot_photo_id', '=', photoId)
    .execute();
  return stations.map((s) => s.station_id);
}
