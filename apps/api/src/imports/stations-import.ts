import type { Readable } from 'node:stream';
import { parseCount } from '@crosstally/shared';
import { CsvRowError, readCsvRecords } from './csv-records.js';
import { ensureRegions, splitRegionPath } from '../repositories/region.repository.js';
import { upsertStations } from '../repositories/station.repository.js';
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
  /** null: not published (an empty cell); the turnout check then says it cannot be made. */
  votersOnList: number | null;
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
    const votersText = (values.voters_on_list ?? '').trim();
    const voters = votersText === '' ? { ok: true as const, value: null } : parseCount(votersText);
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
    const result = await upsertStations(trx, election.id, chunk, regionIds);
    for (const row of result) {
      if (row.inserted) created += 1;
      else updated += 1;
    }
    onProgress?.(start + chunk.length);
  }
  return { rows: rows.length, created, updated, unchanged: rows.length - created - updated };
}
