import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { enqueueJob, markStationsDirty, parseCount, type TLineValues } from '@crosstally/shared';
import { CsvRowError, readCsvRecords } from './csv-records.js';
import { stationIdsForRows } from './station-ids.js';
import {
  insertOfficialImport,
  insertOfficialVersions,
  latestOfficialVersions,
} from '../repositories/official-result.repository.js';
import type { TElectionRegistry } from '../repositories/election.repository.js';
import type { DbOrTrx } from '../repositories/election.repository.js';

export type TOfficialRow = { line: number; stationCode: string; values: TLineValues };
export type TOfficialImportOutcome = {
  rows: number;
  changed: number;
  unchanged: number;
  importId: number | null;
};

/** station_code, then one column per protocol line key of the election's form (any subset). */
export async function readOfficialCsv(
  input: Readable | Buffer | string,
  registry: TElectionRegistry,
): Promise<{ rows: TOfficialRow[]; sha256: string }> {
  const lineKeys = new Set(registry.lines.map((l) => l.key));
  const hash = createHash('sha256');
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? input : input.on('data', (c) => hash.update(c));
  if (typeof source === 'string' || Buffer.isBuffer(source)) hash.update(source);
  const { header, records } = await readCsvRecords(source, {
    required: ['station_code'],
    allowed: (column) => lineKeys.has(column),
  });
  if (header.length < 2) throw new CsvRowError(1, undefined, 'at least one protocol line column is required');
  const seen = new Map<string, number>();
  const rows = records.map(({ line, values }) => {
    const stationCode = values.station_code ?? '';
    const first = seen.get(stationCode);
    if (first !== undefined) {
      throw new CsvRowError(line, 'station_code', `station ${stationCode} already appears on line ${first}`);
    }
    seen.set(stationCode, line);
    const lineValues: TLineValues = {};
    for (const column of header) {
      if (column === 'station_code' || values[column] === '') continue;
      const parsed = parseCount(values[column] ?? '');
      if (!parsed.ok) throw new CsvRowError(line, column, parsed.error);
      lineValues[column] = parsed.value;
    }
    return { line, stationCode, values: lineValues };
  });
  return { rows, sha256: hash.digest('hex') };
}

const chunkSize = 5000;

/**
 * Adds a new version for every station whose published numbers differ from its latest
 * version; stations whose numbers are the same are left alone, so re-importing a file
 * changes nothing. One transaction: an unknown station refuses the whole file.
 */
export async function importOfficialResults(
  trx: DbOrTrx,
  registry: TElectionRegistry,
  input: { rows: TOfficialRow[]; sha256: string; sourceName: string },
  onProgress?: (done: number) => void,
): Promise<TOfficialImportOutcome> {
  const electionId = registry.election.id;
  const idByCode = await stationIdsForRows(trx, registry, input.rows);
  const latest = await latestOfficialVersions(trx, electionId);
  const latestByStation = new Map(latest.map((r) => [r.station_id, r]));
  const changes = input.rows.flatMap((row) => {
    const stationId = idByCode.get(row.stationCode)!;
    const previous = latestByStation.get(stationId);
    if (previous && sameValues(previous.line_values, row.values)) return [];
    return [{ stationId, version: (previous?.version ?? 0) + 1, values: row.values }];
  });
  if (changes.length === 0) {
    onProgress?.(input.rows.length);
    return { rows: input.rows.length, changed: 0, unchanged: input.rows.length, importId: null };
  }
  const importId = await insertOfficialImport(trx, {
    electionId,
    sourceName: input.sourceName,
    fileSha256: input.sha256,
    rowsTotal: input.rows.length,
    rowsChanged: changes.length,
  });
  for (let start = 0; start < changes.length; start += chunkSize) {
    const chunk = changes.slice(start, start + chunkSize);
    await insertOfficialVersions(trx, electionId, importId, chunk);
    onProgress?.(Math.round(((start + chunk.length) / changes.length) * input.rows.length));
  }
  await markStationsDirty(
    trx,
    electionId,
    changes.map((c) => c.stationId),
  );
  // Station signals compare each station with its region: new numbers anywhere move them. The
  // worker refreshes them; the job commits with the numbers, so no import is left unrefreshed.
  await enqueueJob(trx, 'refresh-forensics', `${electionId}-${importId}`, { electionId });
  return {
    rows: input.rows.length,
    changed: changes.length,
    unchanged: input.rows.length - changes.length,
    importId,
  };
}

function sameValues(a: TLineValues, b: TLineValues): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
