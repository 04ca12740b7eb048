import { sql } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

export type TSelfReportWrite = {
  electionId: number;
  voterHash: Buffer;
  stationId: number;
  candidateId: number;
  ballotPhotoId: string | null;
};

/** One statement for a whole batch; a voter's second report replaces the first. */
export async function upsertSelfReports(db: DbOrTrx, rows: TSelfReportWrite[]): Promise<('recorded' | 'replaced')[]> {
  const result = await sql<{ voter_hash: Buffer; election_id: number; inserted: boolean }>`
    insert into self_report (election_id, voter_hash, station_id, candidate_id, ballot_photo_id)
    select * from unnest(
      ${rows.map((r) => r.electionId)}::int[],
      ${rows.map((r) => r.voterHash)}::bytea[],
      ${rows.map((r) => r.stationId)}::int[],
      ${rows.map((r) => r.candidateId)}::int[],
      ${rows.map((r) => r.ballotPhotoId)}::uuid[])
    on conflict on constraint self_report_election_voter_uq do update set
      station_id = excluded.station_id,
      candidate_id = excluded.candidate_id,
      ballot_photo_id = excluded.ballot_photo_id,
      revision = self_report.revision + 1,
      updated_at = now()
    returning election_id, voter_hash, (xmax = 0) as inserted`.execute(db);
  const inserted = new Map(result.rows.map((r) => [`${r.election_id}:${r.voter_hash.toString('hex')}`, r.inserted]));
  return rows.map((r) => (inserted.get(`${r.electionId}:${r.voterHash.toString('hex')}`) ? 'recorded' : 'replaced'));
}
