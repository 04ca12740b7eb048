import { CsvRowError } from './csv-records.js';
import type { DbOrTrx, TElectionRegistry } from '../repositories/election.repository.js';

/**
 * The ids of the stations a file names, refusing the file at the first row that names a
 * station the election does not have.
 */
export async function stationIdsForRows(
  trx: DbOrTrx,
  registry: TElectionRegistry,
  rows: readonly { line: number; stationCode: string }[],
): Promise<Map<string, number>> {
  const stations = await trx
    .selectFrom('station')
    .select(['id', 'code'])
    .where('election_id', '=', registry.election.id)
    .execute();
  const idByCode = new Map(stations.map((s) => [s.code, s.id]));
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
