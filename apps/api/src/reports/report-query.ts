import type { Readable } from 'node:stream';
import type { TPolicy, TReportRow } from '@crosstally/shared';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';

export type TReportFilter = {
  region?: string | undefined;
  kind?: string | undefined;
  strength?: string | undefined;
  /** Only the region subtrees granted to this user (journalists, analysts); null: all. */
  scopeUserId?: number | null;
};

/**
 * Flagged stations of an election, one row each, in region and station order, read through a
 * cursor: a country's report streams in constant memory. Self-reports are counted under the
 * same policy as the engine's.
 */
export function streamReportRows(
  client: pg.PoolClient,
  electionId: number,
  policy: TPolicy,
  filter: TReportFilter,
): Readable & AsyncIterable<TReportRow> {
  const { ballotPhotoRequired, ballotPhotoUnique } = policy.verification;
  const query = new QueryStream(
    `
    with f as (
      select station_id,
        jsonb_agg(jsonb_build_object('kind', kind, 'subject', subject, 'strength', strength,
          'minStolenVotes', min_stolen_votes, 'evidence', evidence,
          -- The analysts' word on it, by the rule of reviewStatus(): a decision stands while
          -- the evidence it was made on stands.
          'review', case
            when lr.decision is null then 'open'
            when lr.evidence_sha256 <> flag.evidence_sha256 then 'reopened'
            when lr.decision = 'confirm' then 'confirmed'
            when lr.decision = 'dismiss' then 'dismissed'
            else 'needs_evidence' end) order by kind, subject) as findings
      from flag
      left join lateral (
        select decision, evidence_sha256 from flag_review where flag_id = flag.id order by id desc limit 1
      ) lr on true
      where election_id = $1 and cleared_at is null and strength <> 'info'
        and ($2::text is null or kind = $2) and ($3::text is null or strength = $3)
      group by station_id
    )
    select r.path as region, s.code as station, s.name_be as "nameBe", s.name_ru as "nameRu",
      s.voters_on_list as "votersOnList", f.findings,
      o.version as "officialVersion", o.line_values as official,
      (select rd.line_values from (
          select distinct on (p.id) rr.line_values from reading rr join protocol_photo p on p.id = rr.photo_id
          where p.station_id = s.id
          order by p.id, case rr.method when 'qr' then 0 when 'double_entry' then 1 else 2 end) rd
        group by rd.line_values order by count(*) desc limit 1) as photographed,
      coalesce((select jsonb_object_agg(c.key, jsonb_build_object('verified', x.verified, 'total', x.total))
        from (
          select sr.candidate_id,
            count(*) filter (where not $5::boolean or (sr.ballot_photo_id is not null and
              (not $6::boolean or not b.shared)))::int as verified,
            count(*)::int as total
          from self_report sr left join ballot_photo b on b.id = sr.ballot_photo_id
          where sr.station_id = s.id group by sr.candidate_id) x
        join candidate c on c.id = x.candidate_id), '{}'::jsonb) as crowd,
      coalesce((select array_agg(distinct p.sha256 order by p.sha256) from protocol_photo p where p.station_id = s.id), '{}') as photos
    from f
    join station s on s.id = f.station_id
    join region r on r.id = s.region_id
    left join lateral (
      select version, line_values from official_result where station_id = s.id order by version desc limit 1
    ) o on true
    where ($4::text is null or r.path = $4 or r.path like $4 || '/%')
      and ($7::int is null or exists (
        select 1 from region_grant g join region gr on gr.id = g.region_id
        where g.user_id = $7 and g.election_id = $1 and (r.path = gr.path or r.path like gr.path || '/%')))
    order by r.path, s.code`,
    [
      electionId,
      filter.kind ?? null,
      filter.strength ?? null,
      filter.region ?? null,
      ballotPhotoRequired,
      ballotPhotoUnique,
      filter.scopeUserId ?? null,
    ],
    { batchSize: 500 },
  );
  return client.query(query) as unknown as Readable & AsyncIterable<TReportRow>;
}
