import {
  agreedLineValues,
  identityKinds,
  isGapShownOf,
  isReportedStrength,
  inRegionSubtree,
  isLatestOfficial,
  isVerifiedSelfReport,
  reviewStatusOf,
  type Db,
  type TIdentityKind,
  type TPolicy,
  type TReportRow,
} from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';
import QueryStream from 'pg-query-stream';

export type TReportFilter = { region?: string | undefined; kind?: string | undefined; strength?: string | undefined };

/**
 * Flagged stations of an election, one row each, in region and station order, read through a
 * cursor on a connection of its own: a country's report streams in constant memory, and the
 * connection goes back to the pool however the reader stops. `scope` is a condition on the
 * region path `r.path`. Self-reports are counted under the same policy as the engine's.
 */
export async function* streamReportRows(
  db: Db,
  pool: pg.Pool,
  electionId: number,
  policy: TPolicy,
  filter: TReportFilter,
  scope: RawBuilder<boolean>,
): AsyncGenerator<TReportRow> {
  const query = sql`
    with f as (
      select station_id,
        jsonb_agg(jsonb_build_object('kind', kind, 'subject', subject, 'strength', strength,
          'minStolenVotes', min_stolen_votes, 'evidence', evidence,
          'review', ${reviewStatusOf('flag')}) order by kind, subject) as findings
      from flag
      where election_id = ${electionId} and cleared_at is null and ${isReportedStrength('strength')}
        and ${isGapShownOf('flag', policy.publicationThreshold)}
        and (${filter.kind ?? null}::text is null or kind = ${filter.kind ?? null})
        and (${filter.strength ?? null}::text is null or strength = ${filter.strength ?? null})
      group by station_id
    )
    select r.path as region, s.code as station, s.name_be as "nameBe", s.name_ru as "nameRu",
      s.voters_on_list as "votersOnList", f.findings,
      o.version as "officialVersion", o.line_values as official,
      ${agreedLineValues('s.id')} as photographed,
      coalesce((select jsonb_object_agg(c.key, jsonb_build_object('verified', x.verified, 'total', x.total))
        from (
          select sr.candidate_id,
            count(*) filter (where ${isVerifiedSelfReport(policy.verification, 'sr', 'b')})::int as verified,
            count(*)::int as total
          from self_report sr left join ballot_photo b on b.id = sr.ballot_photo_id
          where sr.station_id = s.id group by sr.candidate_id) x
        join candidate c on c.id = x.candidate_id), '{}'::jsonb) as crowd,
      coalesce((select array_agg(distinct p.sha256 order by p.sha256) from protocol_photo p where p.station_id = s.id), '{}') as photos
    from f
    join station s on s.id = f.station_id
    join region r on r.id = s.region_id
    left join official_result o on o.station_id = s.id and ${isLatestOfficial('o')}
    where ${inRegionSubtree('r.path', filter.region ?? null)} and ${scope}
    order by r.path, s.code`.compile(db);
  const client = await pool.connect();
  try {
    const stream = new QueryStream(query.sql, [...query.parameters], { batchSize: 500 });
    yield* client.query(stream) as unknown as AsyncIterable<TReportRow>;
  } finally {
    client.release();
  }
}

/**
 * What every report rests on, as one value: the database's snapshot (which transactions have
 * committed). Two equal snapshots see the same data, so a report built under one holds while
 * it stands; any commit anywhere moves it, so nothing newer is ever hidden behind a kept file.
 */
export async function reportDataVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ v: string }>`select pg_current_snapshot()::text as v`.execute(db);
  return rows[0]!.v;
}

/**
 * Self-reports of an election per identity kind, and how many of them count as verified under
 * the policy: what "verified" meant in the report, in numbers. Election-wide totals only, so
 * no count here is small enough to single out a station's voter.
 */
export async function countReportsByIdentity(
  db: Db,
  electionId: number,
  verification: TPolicy['verification'],
): Promise<{ kind: TIdentityKind; reports: number; verified: number }[]> {
  const { rows } = await sql<{ kind: TIdentityKind; reports: number; verified: number }>`
    select r.identity_kind as kind, count(*)::int as reports,
      (count(*) filter (where ${isVerifiedSelfReport(verification, 'r', 'b')}))::int as verified
    from self_report r left join ballot_photo b on b.id = r.ballot_photo_id
    where r.election_id = ${electionId}
    group by r.identity_kind`.execute(db);
  return identityKinds.flatMap((kind) => rows.filter((r) => r.kind === kind));
}

/** Every official import of an election, oldest first: which official numbers a report compared against. */
export async function listOfficialImports(db: Db, electionId: number) {
  return db
    .selectFrom('official_import')
    .select(['id', 'source_name', 'file_sha256', 'rows_total', 'rows_changed', 'created_at'])
    .where('election_id', '=', electionId)
    .orderBy('id')
    .execute();
}

/** When an admin published the election's report; null while it is not. */
export async function findReportPublishedAt(db: Db, electionId: number): Promise<Date | null> {
  const row = await db.selectFrom('election').select('published_at').where('id', '=', electionId).executeTakeFirst();
  return row?.published_at ?? null;
}

/**
 * Stations with an open finding that may be published, per top-level region, kind and
 * strength, with the proven gaps summed. A crowd finding resting on counts under the
 * publication threshold k is withheld from the report (isGapShownOf), so it is neither
 * counted nor summed here — not even as a number of hidden ones, which in a small region
 * would point at one station. The sum stays a lower bound.
 */
export async function loadReportSummary(db: Db, electionId: number, scope: RawBuilder<boolean>, k: number) {
  const rows = await sql<{
    region: string;
    kind: string;
    strength: string;
    stations: number;
    min_stolen: number | null;
  }>`
    select split_part(r.path, '/', 1) as region, f.kind, f.strength,
      count(distinct f.station_id)::int as stations,
      sum(f.min_stolen_votes) filter (where f.strength = 'proof')::int as min_stolen
    from flag f join station s on s.id = f.station_id join region r on r.id = s.region_id
    where f.election_id = ${electionId} and f.cleared_at is null and ${isReportedStrength('f.strength')}
      and ${isGapShownOf('f', k)} and ${scope}
    group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({
    region: r.region,
    kind: r.kind,
    strength: r.strength,
    stations: r.stations,
    minStolenVotes: r.min_stolen,
  }));
}
