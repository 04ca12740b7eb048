import type { DbOrTrx } from '@crosstally/shared';
import { sql } from 'kysely';

export async function insertPartnerImport(
  trx: DbOrTrx,
  electionId: number,
  fileSha256: string,
  rows: number,
): Promise<number> {
  const { id } = await trx
    .insertInto('partner_import')
    .values({ election_id: electionId, file_sha256: fileSha256, rows_total: rows })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function deletePartnerImport(trx: DbOrTrx, importId: number): Promise<void> {
  await trx.deleteFrom('partner_import').where('id', '=', importId).execute();
}

/**
 * A partner's counts per station, source and line; counts that did not change are not
 * rewritten. Returns the station of every row written.
 */
export async function upsertPartnerTallies(
  trx: DbOrTrx,
  electionId: number,
  importId: number,
  rows: readonly { stationCode: string; source: string; lineKey: string; verified: number; unverified: number }[],
  idByCode: ReadonlyMap<string, number>,
): Promise<number[]> {
  const changed = await sql<{ station_id: number }>`
    insert into partner_tally (election_id, station_id, source, line_key, verified, unverified, import_id)
    select ${electionId}, * , ${importId} from unnest(
      ${rows.map((r) => idByCode.get(r.stationCode)!)}::int[], ${rows.map((r) => r.source)}::text[],
      ${rows.map((r) => r.lineKey)}::text[], ${rows.map((r) => r.verified)}::int[],
      ${rows.map((r) => r.unverified)}::int[])
    on conflict on constraint partner_tally_station_source_line_uq do update set
      verified = excluded.verified, unverified = excluded.unverified, import_id = excluded.import_id, updated_at = now()
    where (partner_tally.verified, partner_tally.unverified) is distinct from (excluded.verified, excluded.unverified)
    returning station_id`.execute(trx);
  return changed.rows.map((r) => r.station_id);
}
