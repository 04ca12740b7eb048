import type { Readable } from 'node:stream';
import { parseCount } from '@crosstally/shared';
import { sql } from 'kysely';
import { CsvRowError, readCsvRecords } from './csv-records.js';
import { ensureRegions, splitRegionPath } from '../repositories/region.repository.js';
import type { TElectionRow } from '../repositories/election.repository.js';
import type { DbOrTrx } from '../repositories/election.repository.js';

export const stationColumns = [
  'code',
  'region_path',
  'name_be',
  'name_ru',
  'address_be',
  'address_ru',
  'voters_on_list',
] as const;

export const ZStationCode = /^[\p{L}\p{N}._-]{1,64}$/u;

export type TStationRow = {
  line: number;
  code: string;
  regionPath: string[];
  nameBe: string;
  nameRu: string;
  addressBe: string;
  addressRu: string;
  votersOnList: number;
};

export type TStationsImportOutcome = { rows: number; created: number; updated: number; unchanged: number };

export async function readStationsCsv(input: Readable | Buffer | string): Promise<TStationRow[]> {
  const { records } = await readCsvRecords(input, { required: stationColumns });
  const seen = new Map<string, number>();
  return records.map(({ line, values }) => {
    const code = values.code ?? '';
    if (!ZStationCode.test(code)) {
      throw new CsvRowError(line, 'code', 'a station code is 1–64 letters, digits, ".", "_" or "-"');
    }
    const first = seen.get(code);
    if (first !== undefined) throw new CsvRowError(line, 'code', `station ${code} already appears on line ${first}`);
    seen.set(code, line);
    const regionPath = splitRegionPath(values.region_path ?? '');
    if (!regionPath)
      throw new CsvRowError(line, 'region_path', 'a path like "Minsk/Frunzensky" (1–8 parts) is required');
    for (const column of ['name_be', 'name_ru', 'address_be', 'address_ru'] as const) {
      const text = values[column] ?? '';
      if (text.length === 0 || text.length > 500)
        throw new CsvRowError(line, column, 'required, at most 500 characters');
    }
    const voters = parseCount(values.voters_on_list ?? '');
    if (!voters.ok) throw new CsvRowError(line, 'voters_on_list', voters.error);
    return {
      line,
      code,
      regionPath,
      nameBe: values.name_be!,
      nameRu: values.name_ru!,
      addressBe: values.address_be!,
      addressRu: values.address_ru!,
      votersOnList: voters.value,
    };
  });
}

const chunkSize = 2000;

/** Creates or updates the stations in one transaction: a bad row refuses the whole file. */
export async function importStations(
  trx: DbOrTrx,
  election: TElectionRow,
  rows: TStationRow[],
  onProgress?: (done: number) => void,
): Promise<TStationsImportOutcome> {
  const regionIds = await ensureRegions(trx, election.id, rows);
  let created = 0;
  let updated = 0;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const result = await trx
      .insertInto('station')
      .values(
        chunk.map((r) => ({
          election_id: election.id,
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
          // Unchanged rows are not rewritten, so a re-import touches nothing.
          .where(
            sql<boolean>`(station.region_id, station.name_be, station.name_ru, station.address_be, station.address_ru, station.voters_on_list)
              is distinct from (excluded.region_id, excluded.name_be, excluded.name_ru, excluded.address_be, excluded.address_ru, excluded.voters_on_list)`,
          ),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    for (const row of result) {
      if (row.inserted) created += 1;
      else updated += 1;
    }
    onProgress?.(start + chunk.length);
  }
  return { rows: rows.length, created, updated, unchanged: rows.length - created - updated };
}
