import { inRegionSubtree, isLatestOfficial, type Db } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';

/** The newest official import of an election; null before any. */
export async function findLatestOfficialImportId(db: Db, electionId: number): Promise<number | null> {
  const latest = await db
    .selectFrom('official_import')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('election_id', '=', electionId)
    .executeTakeFirst();
  return latest?.id ?? null;
}

/** The sum of each line over every station's latest official result, in the order given. */
export async function sumLatestOfficialLines(db: Db, electionId: number, lineKeys: readonly string[]) {
  const sums = lineKeys.map((key) => sql`coalesce(sum((o.line_values->>${key})::float8), 0)`);
  const { rows } = await sql<{ sums: number[] }>`
    select array[${sql.join(sums)}]::float8[] as sums
    from official_result o where o.election_id = ${electionId} and ${isLatestOfficial('o')}`.execute(db);
  return rows[0]!.sums;
}

/**
 * Each station's latest official result, with its full region path, in the reader's scope
 * (a condition on `r.path`) and the region subtree chosen (null: all).
 */
export async function listLatestOfficialResults(
  db: Db,
  electionId: number,
  scope: RawBuilder<boolean>,
  region: string | null,
) {
  const { rows } = await sql<{
    code: string;
    region: string;
    voters_on_list: number;
    line_values: Record<string, number>;
  }>`
    select s.code, r.path as region, s.voters_on_list, o.line_values
    from official_result o
    join station s on s.id = o.station_id
    join region r on r.id = s.region_id
    where o.election_id = ${electionId} and ${isLatestOfficial('o')} and ${scope}
      and ${inRegionSubtree('r.path', region)}`.execute(db);
  return rows;
}
