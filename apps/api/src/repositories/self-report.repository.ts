import { sql } from 'kysely';
import { confirmedIdentityKinds, jobIdFor, type TIdentityKind, type TReportChannel } from '@crosstally/shared';
import type { DbOrTrx } from './election.repository.js';

export type TSelfReportWrite = {
  electionId: number;
  voterHash: Buffer;
  stationId: number;
  candidateId: number;
  identityKind: TIdentityKind;
  channel: TReportChannel;
  /** A ballot photo already in the store, to be recorded with the report. */
  ballot: { sha256: string; mime: string; bytes: number } | null;
};

/** kept: the voter's statement came through a channel that confirmed them, and a claim does not replace it. */
export type TSelfReportWritten = { status: 'recorded' | 'replaced' | 'kept'; ballotKnown: boolean | null };

/** Identities a channel confirmed: only another confirmed statement replaces theirs. */
const confirmed = sql`(${sql.join([...confirmedIdentityKinds])})`;

/**
 * The ballot photos of a batch, one row per content. The first voter to send a photo is
 * remembered; another voter sending it (or a near copy of it, found by the worker's
 * print-ballot job asked for here) makes it shared, for good, and it verifies nobody.
 * Locked in sha256 order so that two batches never wait on each other in a circle.
 */
async function upsertBallotPhotos(
  db: DbOrTrx,
  rows: TSelfReportWrite[],
): Promise<Map<string, { id: string; inserted: boolean }>> {
  const withBallot = rows.filter((r) => r.ballot).sort((a, b) => (a.ballot!.sha256 < b.ballot!.sha256 ? -1 : 1));
  if (withBallot.length === 0) return new Map();
  const result = await sql<{ id: string; sha256: string; inserted: boolean }>`
    insert into ballot_photo (election_id, sha256, mime, bytes, first_voter_hash)
    select * from unnest(
      ${withBallot.map((r) => r.electionId)}::int[], ${withBallot.map((r) => r.ballot!.sha256)}::text[],
      ${withBallot.map((r) => r.ballot!.mime)}::text[], ${withBallot.map((r) => r.ballot!.bytes)}::int[],
      ${withBallot.map((r) => r.voterHash)}::bytea[])
    on conflict on constraint ballot_photo_election_sha_uq do update
      set shared = ballot_photo.shared or ballot_photo.first_voter_hash is distinct from excluded.first_voter_hash
    returning id, sha256, (xmax = 0) as inserted`.execute(db);
  // A new picture is compared with the election's others by the worker (near copies).
  const fresh = result.rows.filter((r) => r.inserted).map((r) => r.id);
  if (fresh.length > 0) {
    await sql`
      insert into outbox (topic, job_id, payload)
      select 'print-ballot', ${jobIdFor('print-ballot', '')} || id, jsonb_build_object('ballotPhotoId', id)
      from unnest(${fresh}::uuid[]) as id`.execute(db);
  }
  return new Map(result.rows.map((r) => [r.sha256, { id: r.id, inserted: r.inserted }]));
}

/**
 * A whole batch: ballot photos, then the reports in one statement (the caller opens the
 * transaction when there are photos); a voter's second report replaces the first. The
 * stations whose evidence this changes are marked for recompute in the same statement: the new
 * station, the one a replaced report leaves, and those whose reports share a ballot photo
 * with a new one (sharing a photo unverifies both).
 */
export async function upsertSelfReports(db: DbOrTrx, rows: TSelfReportWrite[]): Promise<TSelfReportWritten[]> {
  const ballots = await upsertBallotPhotos(db, rows);
  const ballotIdOf = (r: TSelfReportWrite) => (r.ballot ? ballots.get(r.ballot.sha256)!.id : null);
  const result = await sql<{ voter_hash: Buffer; election_id: number; inserted: boolean }>`
    with input as (
      select * from unnest(
        ${rows.map((r) => r.electionId)}::int[],
        ${rows.map((r) => r.voterHash)}::bytea[],
        ${rows.map((r) => r.stationId)}::int[],
        ${rows.map((r) => r.candidateId)}::int[],
        ${rows.map(ballotIdOf)}::uuid[],
        ${rows.map((r) => r.identityKind)}::text[],
        ${rows.map((r) => r.channel)}::text[]
      ) as t(election_id, voter_hash, station_id, candidate_id, ballot_photo_id, identity_kind, channel)
    ),
    -- Lateral lookups, one index probe per row: a join here would scan a table of millions.
    affected as (
      select station_id, election_id from input
      union
      select o.station_id, o.election_id from input i cross join lateral (
        select s.station_id, s.election_id from self_report s
        where s.election_id = i.election_id and s.voter_hash = i.voter_hash) o
      union
      select o.station_id, o.election_id from input i cross join lateral (
        select s.station_id, s.election_id from self_report s where s.ballot_photo_id = i.ballot_photo_id) o
      where i.ballot_photo_id is not null
    ),
    written as (
      insert into self_report (election_id, voter_hash, station_id, candidate_id, ballot_photo_id, identity_kind, channel)
      select election_id, voter_hash, station_id, candidate_id, ballot_photo_id, identity_kind, channel from input
      on conflict on constraint self_report_election_voter_uq do update set
        station_id = excluded.station_id,
        candidate_id = excluded.candidate_id,
        ballot_photo_id = excluded.ballot_photo_id,
        identity_kind = excluded.identity_kind,
        channel = excluded.channel,
        revision = self_report.revision + 1,
        updated_at = now()
      -- A number typed into a form is anyone's to type: it never replaces what its owner said
      -- through a channel that confirmed them.
      where self_report.identity_kind not in ${confirmed} or excluded.identity_kind in ${confirmed}
      returning election_id, voter_hash, (xmax = 0) as inserted
    ),
    redeemed as (
      update invitation_code c set redeemed_at = now()
      from written w
      where c.election_id = w.election_id and c.code_hash = w.voter_hash and c.redeemed_at is null
    ),
    dirty as (
      -- In station order, so two batches in flight lock these rows in the same order.
      insert into station_dirty (station_id, election_id)
      select station_id, election_id from affected order by station_id
      on conflict (station_id) do update set version = station_dirty.version + 1, marked_at = now()
    )
    select election_id, voter_hash, inserted from written`.execute(db);
  const inserted = new Map(result.rows.map((r) => [`${r.election_id}:${r.voter_hash.toString('hex')}`, r.inserted]));
  const statusOf = (r: TSelfReportWrite): TSelfReportWritten['status'] => {
    const wasInserted = inserted.get(`${r.electionId}:${r.voterHash.toString('hex')}`);
    return wasInserted === undefined ? 'kept' : wasInserted ? 'recorded' : 'replaced';
  };
  return rows.map((r) => ({
    status: statusOf(r),
    ballotKnown: r.ballot ? !ballots.get(r.ballot.sha256)!.inserted : null,
  }));
}
