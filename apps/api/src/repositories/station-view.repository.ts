import { isVerifiedSelfReport, reviewStatus, type TPolicy } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

/**
 * A station as an analyst reviews it: every official version, every photo with its
 * readings, self-report counts per candidate (counts only: nothing about who reported),
 * partner counts, the open and cleared findings with their reviews and notes. Undefined when
 * the station does not exist or is outside the caller's scope.
 */
export async function loadStationView(
  db: DbOrTrx,
  electionId: number,
  code: string,
  scope: RawBuilder<boolean>,
  policy: TPolicy,
) {
  const found = await sql<{
    id: number;
    code: string;
    region: string;
    name_be: string;
    name_ru: string;
    voters_on_list: number | null;
  }>`
    select s.id, s.code, r.path as region, s.name_be, s.name_ru, s.voters_on_list
    from station s join region r on r.id = s.region_id
    where s.election_id = ${electionId} and s.code = ${code} and ${scope}`.execute(db);
  const station = found.rows[0];
  if (!station) return undefined;
  const [official, photos, readings, crowd, partners, flags] = await Promise.all([
    db
      .selectFrom('official_result')
      .select(['version', 'line_values', 'created_at'])
      .where('station_id', '=', station.id)
      .orderBy('version')
      .execute(),
    db
      .selectFrom('protocol_photo')
      .select(['id', 'sha256', 'status', 'failure_reason', 'failure_code', 'created_at'])
      .where('station_id', '=', station.id)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('reading')
      .innerJoin('protocol_photo', 'protocol_photo.id', 'reading.photo_id')
      .select([
        'reading.photo_id',
        'reading.method',
        'reading.reader',
        'reading.confidence',
        'reading.station_code_read',
        'reading.line_values',
      ])
      .where('protocol_photo.station_id', '=', station.id)
      .execute(),
    sql<{ candidate: string; verified: number; total: number }>`
      select c.key as candidate,
        count(*) filter (where ${isVerifiedSelfReport(policy.verification, 'r', 'b')})::int as verified, count(*)::int as total
      from self_report r join candidate c on c.id = r.candidate_id left join ballot_photo b on b.id = r.ballot_photo_id
      where r.station_id = ${station.id} group by c.key order by c.key`.execute(db),
    db
      .selectFrom('partner_tally')
      .select(['source', 'line_key', 'verified', 'unverified'])
      .where('station_id', '=', station.id)
      .orderBy('source')
      .execute(),
    db
      .selectFrom('flag')
      .select(['id', 'kind', 'subject', 'strength', 'min_stolen_votes', 'evidence', 'evidence_sha256', 'cleared_at'])
      .where('station_id', '=', station.id)
      .orderBy('kind')
      .orderBy('subject')
      .execute(),
  ]);
  const flagIds = flags.map((f) => f.id);
  const [reviews, notes] = flagIds.length
    ? await Promise.all([
        db
          .selectFrom('flag_review')
          .innerJoin('app_user', 'app_user.id', 'flag_review.user_id')
          .select([
            'flag_review.flag_id',
            'flag_review.decision',
            'flag_review.reason',
            'flag_review.evidence_sha256',
            'flag_review.created_at',
            'app_user.username',
          ])
          .where('flag_review.flag_id', 'in', flagIds)
          .orderBy('flag_review.id')
          .execute(),
        db
          .selectFrom('flag_note')
          .innerJoin('app_user', 'app_user.id', 'flag_note.user_id')
          .select(['flag_note.flag_id', 'flag_note.text', 'flag_note.created_at', 'app_user.username'])
          .where('flag_note.flag_id', 'in', flagIds)
          .orderBy('flag_note.id')
          .execute(),
      ])
    : [[], []];
  return {
    station: {
      code: station.code,
      region: station.region,
      name: { be: station.name_be, ru: station.name_ru },
      votersOnList: station.voters_on_list,
    },
    official: official.map((o) => ({
      version: o.version,
      lines: o.line_values,
      publishedAt: new Date(o.created_at).toISOString(),
    })),
    photos: photos.map((p) => ({
      sha256: p.sha256,
      status: p.status,
      failureReason: p.failure_reason,
      failureCode: p.failure_code,
      readings: readings
        .filter((r) => r.photo_id === p.id)
        .map((r) => ({
          method: r.method,
          reader: r.reader,
          confidence: r.confidence,
          stationCodeRead: r.station_code_read,
          lines: r.line_values,
        })),
    })),
    selfReports: crowd.rows,
    partners,
    findings: flags.map((f) => {
      const own = reviews.filter((r) => r.flag_id === f.id);
      const last = own.at(-1);
      return {
        id: f.id,
        kind: f.kind,
        subject: f.subject,
        strength: f.strength,
        minStolenVotes: f.min_stolen_votes,
        evidence: f.evidence,
        cleared: f.cleared_at !== null,
        status: reviewStatus(
          last ? { decision: last.decision, evidence_sha256: last.evidence_sha256 } : null,
          f.evidence_sha256,
        ),
        reviews: own.map((r) => ({
          by: r.username,
          decision: r.decision,
          reason: r.reason,
          at: new Date(r.created_at).toISOString(),
        })),
        notes: notes
          .filter((n) => n.flag_id === f.id)
          .map((n) => ({ by: n.username, text: n.text, at: new Date(n.created_at).toISOString() })),
      };
    }),
  };
}
