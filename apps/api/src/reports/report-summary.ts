import type { Db } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';

/** Which official numbers a report compared against: every import, newest last. */
export async function loadOfficialDataVersion(db: Db, electionId: number) {
  const imports = await db
    .selectFrom('official_import')
    .select(['id', 'source_name', 'file_sha256', 'rows_total', 'rows_changed', 'created_at'])
    .where('election_id', '=', electionId)
    .orderBy('id')
    .execute();
  return {
    latestImport: imports.at(-1)?.id ?? null,
    imports: imports.map((i) => ({
      id: i.id,
      source: i.source_name,
      fileSha256: i.file_sha256,
      rows: i.rows_total,
      changed: i.rows_changed,
      importedAt: new Date(i.created_at).toISOString(),
    })),
  };
}

/**
 * Stations with an open finding, per top-level region, kind and strength, with the proven
 * gaps summed. A gap whose crowd count is under the publication threshold k is hidden in the
 * report rows ("<k"), so it is left out of the sums too — else a region with one such station
 * would give it back — and counted apart: the sum stays a lower bound.
 */
export async function loadReportSummary(db: Db, electionId: number, scope: RawBuilder<boolean>, k: number) {
  const rows = await sql<{
    region: string;
    kind: string;
    strength: string;
    stations: number;
    min_stolen: number | null;
    under_k: number;
  }>`
    select split_part(r.path, '/', 1) as region, f.kind, f.strength,
      count(distinct f.station_id)::int as stations,
      sum(f.min_stolen_votes) filter (where f.strength = 'proof' and ${shown(k)})::int as min_stolen,
      count(*) filter (where f.strength = 'proof' and f.min_stolen_votes is not null and not ${shown(k)})::int as under_k
    from flag f join station s on s.id = f.station_id join region r on r.id = s.region_id
    where f.election_id = ${electionId} and f.cleared_at is null and f.strength <> 'info' and ${scope}
    group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  return rows.rows.map((r) => ({
    region: r.region,
    kind: r.kind,
    strength: r.strength,
    stations: r.stations,
    minStolenVotes: r.min_stolen,
    /** Proven gaps left out of minStolenVotes because their crowd count is under k. */
    gapsUnderThreshold: r.under_k,
  }));
}

/** Whether a finding's gap is shown publicly: the same rule as redactReportRow. */
function shown(k: number) {
  return sql<boolean>`coalesce((f.evidence->>'crowd')::int >= ${k}, true)`;
}
