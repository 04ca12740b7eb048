import { inRegionSubtree, isLatestOfficial, type Db, type DbOrTrx, type TLineValues } from '@crosstally/shared';
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
    voters_on_list: number | null;
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

/** Each station's latest official version and numbers: what a new import is compared with. */
export async function latestOfficialVersions(db: DbOrTrx, electionId: number) {
  return db
    .selectFrom('official_result as o')
    .select(['o.station_id', 'o.version', 'o.line_values'])
    .where('o.election_id', '=', electionId)
    .where(isLatestOfficial('o'))
    .execute();
}

export async function insertOfficialImport(
  trx: DbOrTrx,
  of: { electionId: number; sourceName: string; fileSha256: string; rowsTotal: number; rowsChanged: number },
): Promise<number> {
  const { id } = await trx
    .insertInto('official_import')
    .values({
      election_id: of.electionId,
      source_name: of.sourceName,
      file_sha256: of.fileSha256,
      rows_total: of.rowsTotal,
      rows_changed: of.rowsChanged,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** New versions of stations' official numbers, all of one import. */
export async function insertOfficialVersions(
  trx: DbOrTrx,
  electionId: number,
  importId: number,
  versions: readonly { stationId: number; version: number; values: TLineValues }[],
): Promise<void> {
  await trx
    .insertInto('official_result')
    .values(
      versions.map((c) => ({
        election_id: electionId,
        station_id: c.stationId,
        version: c.version,
        line_values: JSON.stringify(c.values),
        import_id: importId,
        created_at: sql<Date>`now()`,
      })),
    )
    .execute();
}
