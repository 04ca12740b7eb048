import { CsvRowError } from './csv-records.js';
import type { DbOrTrx, TElectionRegistry } from '../repositories/election.repository.js';
import { stationIdsByCode } from '../repositories/station.repository.js';

/**
 * The ids of the stations a file names, refusing the file at the first row that names a
 * station the election does not have.
 */
export async function stationIdsForRows(
  trx: DbOrTrx,
  registry: TElectionRegistry,
  rows: readonly { line: number; stationCode: string }[],
): Promise<Map<string, number>> {
  const idByCode = await stationIdsByCode(trx, registry.election.id);
  for (const row of rows) {
    if (!idByCode.has(row.stationCode)) {
      throw new CsvRowError(
        row.line,
        'station_code',
        `no station ${row.stationCode} in election ${registry.election.code}`,
      );
    }
  }
  return idByCode;
}
