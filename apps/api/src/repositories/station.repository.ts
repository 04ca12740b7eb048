import { isGapShownOf, type Db, type DbOrTrx } from '@crosstally/shared';
import { sql } from 'kysely';

/** What the public reads of a station in the registry (and what a search matches on). */
const publicColumns = [
  'station.code',
  'region.path as region',
  'station.name_be',
  'station.name_ru',
  'station.address_be',
  'station.address_ru',
] as const;

/** A station of an election by its code, with its region path and whether the report is published. */
export async function findStationByCode(db: Db, electionId: number, code: string) {
  return db
    .selectFrom('station')
    .innerJoin('region', 'region.id', 'station.region_id')
    .innerJoin('election', 'election.id', 'station.election_id')
    .select(['station.id', ...publicColumns, 'station.voters_on_list', 'election.published_at'])
    .where('station.election_id', '=', electionId)
    .where('station.code', '=', code)
    .executeTakeFirst();
}

/** Every station of an election with what a search matches on, in code order. */
export async function listStationsForSearch(db: Db, electionId: number) {
  return db
    .selectFrom('station')
    .innerJoin('region', 'region.id', 'station.region_id')
    .select(publicColumns)
    .where('station.election_id', '=', electionId)
    .orderBy('station.code')
    .execute();
}

/**
 * What anyone may see of a station's evidence: its official versions (newest first), the
 * photos read as a protocol with every reading of them, and — when the report is published
 * (`publishedUnder`: the publication threshold k, else null) — its open findings that may be
 * published. Nothing about who reported or uploaded.
 */
export async function loadPublicStationEvidence(db: Db, stationId: number, publishedUnder: number | null) {
  const [official, photos, readings, findings] = await Promise.all([
    db
      .selectFrom('official_result')
      .select(['version', 'line_values', 'created_at'])
      .where('station_id', '=', stationId)
      .orderBy('version', 'desc')
      .execute(),
    db
      .selectFrom('protocol_photo')
      .select(['id', 'status', 'width', 'height', 'orientation'])
      .where('station_id', '=', stationId)
      .where('status', '!=', 'failed')
      // Shown once read as a protocol (findPublicPhoto's rule): never what nobody looked at.
      .where(({ exists, selectFrom }) =>
        exists(selectFrom('reading').select('reading.id').whereRef('reading.photo_id', '=', 'protocol_photo.id')),
      )
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('reading')
      .innerJoin('protocol_photo', 'protocol_photo.id', 'reading.photo_id')
      .select(['reading.photo_id', 'reading.method', 'reading.line_values'])
      .where('protocol_photo.station_id', '=', stationId)
      .execute(),
    publishedUnder !== null
      ? db
          .selectFrom('flag')
          .select(['kind', 'strength'])
          .where('station_id', '=', stationId)
          .where('cleared_at', 'is', null)
          .where('strength', '!=', 'info')
          .where(isGapShownOf('flag', publishedUnder))
          .orderBy('kind')
          .execute()
      : Promise.resolve([]),
  ]);
  return { official, photos, readings, findings };
}

/** The codes of an election's stations: what a re-imported file already has. */
export async function listStationCodes(db: DbOrTrx, electionId: number): Promise<string[]> {
  const rows = await db.selectFrom('station').select('code').where('election_id', '=', electionId).execute();
  return rows.map((r) => r.code);
}

/** A station's id and region by its code, as the intake's cache keeps it. */
export async function findStationRef(db: DbOrTrx, electionId: number, code: string) {
  const row = await db
    .selectFrom('station')
    .select(['id', 'region_id'])
    .where('election_id', '=', electionId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row ? { id: row.id, regionId: row.region_id } : undefined;
}

/** The code of a station by its id. */
export async function findStationCode(db: DbOrTrx, stationId: number): Promise<string> {
  const row = await db.selectFrom('station').select('code').where('id', '=', stationId).executeTakeFirstOrThrow();
  return row.code;
}

export type TStationWrite = {
  regionPath: string[];
  code: string;
  nameBe: string;
  nameRu: string;
  addressBe: string;
  addressRu: string;
  votersOnList: number | null;
};

/**
 * Creates or updates stations by code; unchanged rows are not rewritten, so a re-import
 * touches nothing. Returns, per row written, whether it was created.
 */
export async function upsertStations(
  trx: DbOrTrx,
  electionId: number,
  rows: readonly TStationWrite[],
  regionIds: ReadonlyMap<string, number>,
): Promise<{ inserted: boolean }[]> {
  return trx
    .insertInto('station')
    .values(
      rows.map((r) => ({
        election_id: electionId,
        region_id: regionIds.get(r.regionPath.join('/'))!,
        code: r.code,
        name_be: r.nameBe,
        name_ru: r.nameRu,
        address_be: r.addressBe,
        address_ru: r.addressRu,
        voters_on_list: r.votersOnList,
      })),
    )
    .onConflict((oc) =>
      oc
        .constraint('station_election_code_uq')
        .doUpdateSet((eb) => ({
          region_id: eb.ref('excluded.region_id'),
          name_be: eb.ref('excluded.name_be'),
          name_ru: eb.ref('excluded.name_ru'),
          address_be: eb.ref('excluded.address_be'),
          address_ru: eb.ref('excluded.address_ru'),
          voters_on_list: eb.ref('excluded.voters_on_list'),
        }))
        .where(
          sql<boolean>`(station.region_id, station.name_be, station.name_ru, station.address_be, station.address_ru, station.voters_on_list)
            is distinct from (excluded.region_id, excluded.name_be, excluded.name_ru, excluded.address_be, excluded.address_ru, excluded.voters_on_list)`,
        ),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute();
}

/** An election's station ids by code. */
export async function stationIdsByCode(db: DbOrTrx, electionId: number): Promise<Map<string, number>> {
  const stations = await db
    .selectFrom('station')
    .select(['id', 'code'])
    .where('election_id', '=', electionId)
    .execute();
  return new Map(stations.map((s) => [s.code, s.id]));
}
