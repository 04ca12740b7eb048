import { sql, type RawBuilder } from 'kysely';
import {
  isVerifiedSelfReport,
  strongestReadingPerPhoto,
  type Db,
  type TCrowdCount,
  type TIdentityKind,
  type TReviewDecision,
  type TSybilRun,
  type TElectionForm,
  type TOfficialVersion,
  type TPartnerCount,
  type TPhotoReading,
  type TPolicy,
  type TStationEvidence,
} from '@crosstally/shared';

type TSybilReviewed = { bursts: TSybilRun[]; floods: TSybilRun[] };

export type TStationRef = { id: number; code: string; votersOnList: number | null };

/**
 * Everything the engine needs about some stations of one election, in a handful of grouped
 * queries (one station for a recompute job, all of them for a full recompute).
 */
export async function loadStationEvidence(
  db: Db,
  form: TElectionForm,
  policy: TPolicy,
  stationIds: number[] | 'all',
): Promise<Map<number, { station: TStationRef; evidence: TStationEvidence }>> {
  const electionId = form.electionId;
  // The id range beside the list lets PostgreSQL use the station index instead of reading a
  // whole table for every chunk (chunks come in station order).
  const within = (column: string) => {
    if (stationIds === 'all') return sql`true`;
    const ref = sql.ref(column);
    const lo = Math.min(...stationIds);
    const hi = Math.max(...stationIds);
    return sql`${ref} between ${lo} and ${hi} and ${ref} = any(${stationIds}::int[])`;
  };
  const only = within('station_id');
  const stations = await sql<{ id: number; code: string; voters_on_list: number | null }>`
    select id, code, voters_on_list from station
    where election_id = ${electionId} and ${within('id')}`.execute(db);
  const out = new Map<number, { station: TStationRef; evidence: TStationEvidence }>();
  for (const s of stations.rows) {
    out.set(s.id, {
      station: { id: s.id, code: s.code, votersOnList: s.voters_on_list },
      evidence: {
        station: { code: s.code, votersOnList: s.voters_on_list },
        official: [],
        readings: [],
        selfReports: [],
        partners: [],
      },
    });
  }
  const official = await sql<{ station_id: number; version: number; line_values: Record<string, number> }>`
    select station_id, version, line_values from official_result
    where election_id = ${electionId} and ${only}`.execute(db);
  for (const r of official.rows)
    out
      .get(r.station_id)
      ?.evidence.official.push({ version: r.version, values: r.line_values } satisfies TOfficialVersion);

  // One agreed reading per photo: the strongest method wins (QR > double entry > OCR).
  const readings = await sql<{
    station_id: number;
    sha256: string;
    method: TPhotoReading['method'];
    confidence: number;
    station_code_read: string | null;
    line_values: Record<string, number>;
  }>`
    select station_id, sha256, method, confidence, station_code_read, line_values
    from ${strongestReadingPerPhoto(sql<boolean>`p.election_id = ${electionId} and ${within('p.station_id')}`)} rd`.execute(
    db,
  );
  for (const r of readings.rows) {
    out.get(r.station_id)?.evidence.readings.push({
      photoSha256: r.sha256,
      method: r.method,
      confidence: r.confidence,
      stationCodeRead: r.station_code_read,
      values: r.line_values,
    });
  }

  const crowd = await sql<{ station_id: number; key: string; verified: string; total: string }>`
    select r.station_id, c.key,
      count(*) filter (where ${isVerifiedSelfReport(policy.verification, 'r', 'b')}) as verified,
      count(*) as total
    from self_report r
    join candidate c on c.id = r.candidate_id
    left join ballot_photo b on b.id = r.ballot_photo_id
    where r.election_id = ${electionId} and ${within('r.station_id')}
    group by r.station_id, c.key`.execute(db);
  for (const r of crowd.rows) {
    const verified = Number(r.verified);
    out.get(r.station_id)?.evidence.selfReports.push({
      candidate: r.key,
      verified,
      unverified: Number(r.total) - verified,
    } satisfies TCrowdCount);
  }

  // Photos of these stations that also stand for other stations: the same file, or a near
  // copy the worker found when it read the later one (photo_twin).
  const duplicates = await sql<{ station_id: number; sha256: string; others: string[] }>`
    select p.station_id, p.sha256, array_agg(distinct s2.code order by s2.code) as others
    from protocol_photo p
    cross join lateral (
      select p2.station_id from protocol_photo p2
      where p2.sha256 = p.sha256 and p2.election_id = p.election_id and p2.station_id <> p.station_id
      union
      select p2.station_id from photo_twin t join protocol_photo p2 on p2.id = t.twin_id
      where t.photo_id = p.id and p2.station_id <> p.station_id
    ) o
    join station s2 on s2.id = o.station_id
    where p.election_id = ${electionId} and ${within('p.station_id')}
    group by p.station_id, p.sha256`.execute(db);
  for (const r of duplicates.rows) {
    const evidence = out.get(r.station_id)?.evidence;
    if (evidence) (evidence.duplicates ??= []).push({ photoSha256: r.sha256, otherStations: r.others });
  }

  // How each report arrived, for the sybil patterns (skipped when the policy turns both off:
  // on 100,000 stations it is a third of the loading).
  const { sybil } = policy;
  if (sybil.burstReports > 0 || sybil.unverifiedReports > 0) await loadArrivals(db, electionId, within, out);

  const partners = await sql<{
    station_id: number;
    source: string;
    line_key: string;
    verified: number;
    unverified: number;
  }>`
    select station_id, source, line_key, verified, unverified from partner_tally
    where election_id = ${electionId} and ${only}`.execute(db);
  for (const r of partners.rows) {
    // A candidate's line is counted as the candidate; any other line (against all, invalid)
    // as itself: the engine compares every line a source counts.
    out.get(r.station_id)?.evidence.partners.push({
      source: r.source,
      candidate: form.candidateByLine.get(r.line_key) ?? r.line_key,
      verified: r.verified,
      unverified: r.unverified,
    } satisfies TPartnerCount);
  }
  return out;
}

/**
 * Each report's arrival at its station (it stands there since its last update; its voter's
 * identity was first seen at the voter's first report in the election), and an analyst's
 * latest decision on a station's sybil signal while the signal is as decided.
 */
async function loadArrivals(
  db: Db,
  electionId: number,
  within: (column: string) => RawBuilder<unknown>,
  out: Map<number, { evidence: TStationEvidence }>,
): Promise<void> {
  const only = within('station_id');
  const arrivals = await sql<{ station_id: number; at: number; first_seen: number; identity_kind: TIdentityKind }>`
    select station_id, (extract(epoch from updated_at) * 1000)::float8 as at,
      (extract(epoch from created_at) * 1000)::float8 as first_seen, identity_kind
    from self_report
    where election_id = ${electionId} and ${only}`.execute(db);
  for (const r of arrivals.rows) {
    const evidence = out.get(r.station_id)?.evidence;
    if (evidence) (evidence.arrivals ??= []).push({ at: r.at, firstSeen: r.first_seen, kind: r.identity_kind });
  }
  const sybilReviews = await sql<{ station_id: number; decision: TReviewDecision; evidence: TSybilReviewed }>`
    select f.station_id, r.decision, f.evidence
    from flag f
    cross join lateral (
      select decision, evidence_sha256 from flag_review
      where flag_id = f.id order by id desc limit 1) r
    where f.election_id = ${electionId} and f.kind = 'sybil_signal' and f.cleared_at is null
      and r.evidence_sha256 = f.evidence_sha256 and ${within('f.station_id')}`.execute(db);
  for (const r of sybilReviews.rows) {
    const evidence = out.get(r.station_id)?.evidence;
    if (evidence) evidence.sybilReview = { decision: r.decision, bursts: r.evidence.bursts, floods: r.evidence.floods };
  }
}
