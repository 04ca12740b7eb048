import type { Db, TStoredFormLine } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { TResultLines } from '@crosstally/shared';

type TChartLines = TResultLines<TStoredFormLine>;
import type { TTurnoutPoint } from '../../charts/turnout-bins.js';

/**
 * Keeps, of the official results `o`, each station's latest: a hash anti-join (no newer
 * version of the same station). Measured on 100,000 stations, it beats both one index probe
 * per station and sorting every result by station.
 */
const isLatest = sql`not exists (select 1 from official_result n where n.station_id = o.station_id and n.version > o.version)`;

/** A line's value, or the sum of several; null when the result lacks any of them. */
function lineSum(lines: readonly TStoredFormLine[]): RawBuilder<number | null> {
  return sql<number | null>`(${sql.join(
    lines.map((l) => sql`(o.line_values->>${l.key})::float8`),
    sql` + `,
  )})`;
}

type TLeader = TChartLines['candidates'][number];

/**
 * The candidate with the most official votes in the whole election, whoever reads: official
 * results are public (every station page shows them), and a region's chart must measure the
 * same candidate as the country's. It changes only with an import, so it is kept per
 * election and import; null before any result is imported.
 */
export class ElectionLeaders {
  private readonly known = new Map<number, { importId: number; leader: TLeader }>();

  constructor(private readonly db: Db) {}

  async leaderOf(electionId: number, candidates: TChartLines['candidates']): Promise<TLeader | null> {
    const latest = await this.db
      .selectFrom('official_import')
      .select((eb) => eb.fn.max('id').as('id'))
      .where('election_id', '=', electionId)
      .executeTakeFirst();
    const importId = latest?.id ?? null;
    if (importId === null) return null;
    const known = this.known.get(electionId);
    if (known?.importId === importId) return known.leader;
    const sums = candidates.map((c) => sql`coalesce(sum((o.line_values->>${c.key})::float8), 0)`);
    const { rows } = await sql<{ votes: number[] }>`
      select array[${sql.join(sums)}]::float8[] as votes
      from official_result o where o.election_id = ${electionId} and ${isLatest}`.execute(this.db);
    const votes = rows[0]!.votes;
    const leader = candidates[votes.indexOf(Math.max(...votes))]!;
    this.known.set(electionId, { importId, leader });
    return leader;
  }
}

/**
 * One point per station with an official result, in the reader's scope and the chosen
 * region subtree (null: all). Stations whose result lacks a line the charts need are counted,
 * not guessed.
 */
export async function loadTurnoutPoints(
  db: Db,
  electionId: number,
  lines: TChartLines,
  leaderKey: string,
  scope: RawBuilder<boolean>,
  region: string | null,
): Promise<{ points: TTurnoutPoint[]; incomplete: number }> {
  const registered = lines.registered ? lineSum([lines.registered]) : sql`s.voters_on_list::float8`;
  const { rows } = await sql<{
    region: string;
    registered: number | null;
    issued: number | null;
    counted: number | null;
    leader: number | null;
  }>`
    select r.path as region, ${registered} as registered, ${lineSum(lines.issued)} as issued,
      ${lineSum(lines.counted)} as counted, (o.line_values->>${leaderKey})::float8 as leader
    from station s
    join region r on r.id = s.region_id
    join official_result o on o.station_id = s.id
    where o.election_id = ${electionId} and ${isLatest} and ${scope}
      and (${region}::text is null or r.path = ${region} or left(r.path, length(${region}) + 1) = ${region} || '/')
  `.execute(db);
  const points: TTurnoutPoint[] = [];
  let incomplete = 0;
  for (const row of rows) {
    if (row.registered === null || row.issued === null || row.counted === null || row.leader === null) incomplete += 1;
    else points.push(row as TTurnoutPoint);
  }
  return { points, incomplete };
}
