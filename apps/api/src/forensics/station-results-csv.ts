import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { parseCount, type TStationResult } from '@crosstally/shared';
import { parse } from 'csv-parse';
import { AppError } from '../errors.js';
import { CsvRowError } from '../imports/csv-records.js';
import { mapColumns, type TColumnMap } from './results-layout.js';

/** A station whose row has some numbers and lacks others: reported, never filled with 0. */
export type TIncompleteRow = { line: number; station: string; missing: string[] };

export type TStationResultsFile = {
  layout: TColumnMap['layout'];
  candidates: string[];
  stations: TStationResult[];
  /** Rows with every result cell empty (a station whose result was never published). */
  withoutResults: number;
  incomplete: TIncompleteRow[];
};

/**
 * Station-level official results in either layout of docs/station-results-csv.md, from a
 * path; a ".gz" file is gunzipped as it streams, so a 100,000-row file never sits in memory
 * as text. Errors name the line (the header is line 1) and the column.
 */
export function readStationResultsFile(path: string): Promise<TStationResultsFile> {
  const file = createReadStream(path);
  return readStationResultsCsv(path.endsWith('.gz') ? [file, createGunzip()] : [file]);
}

/** The same from CSV text or a chain of streams (each piped into the next, errors passed on). */
export async function readStationResultsCsv(input: string | Buffer | Readable[]): Promise<TStationResultsFile> {
  const parser = parse({ bom: true, info: true, relax_column_count: false, skip_empty_lines: true });
  const sources = Array.isArray(input) ? input : [Readable.from([input])];
  const fed = pipeline([...sources, parser]);
  const rows = new RowReader();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      rows.read(record, info.lines);
    }
    await fed;
  } catch (error) {
    fed.catch(() => undefined);
    if (error instanceof CsvRowError) throw error;
    const { code, syscall } = error as { code?: unknown; syscall?: unknown };
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new AppError('bad_request', `not a valid gzip file (${(error as Error).message})`);
    }
    if (syscall !== undefined) throw new AppError('bad_request', `cannot read the file (${(error as Error).message})`);
    const line = (error as { lines?: number }).lines ?? 0;
    throw new CsvRowError(line, undefined, `not valid CSV (${(error as Error).message.split(':')[0]})`);
  }
  return rows.result();
}

class RowReader {
  private map: TColumnMap | undefined;
  private header: string[] = [];
  private readonly stations: TStationResult[] = [];
  private readonly incomplete: TIncompleteRow[] = [];
  private readonly firstLine = new Map<string, number>();
  private withoutResults = 0;

  read(record: string[], line: number): void {
    if (this.map === undefined) {
      this.header = record.map((h) => h.trim());
      const mapped = mapColumns(this.header);
      if (!mapped.ok) throw new CsvRowError(line, mapped.error.column, mapped.error.problem);
      this.map = mapped.value;
      return;
    }
    const map = this.map;
    const region = (record[map.region] ?? '').trim();
    const station = map.station
      .map((i) => (record[i] ?? '').trim())
      .filter((part) => part !== '')
      .join(' / ');
    if (station === '') throw new CsvRowError(line, this.header[map.station.at(-1) ?? 0], 'no station code');
    const first = this.firstLine.get(station);
    if (first !== undefined) {
      throw new CsvRowError(
        line,
        this.header[map.station.at(-1) ?? 0],
        `station ${station} already appears on line ${first}`,
      );
    }
    this.firstLine.set(station, line);

    const missing: string[] = [];
    const number = (column: number): number => {
      const text = (record[column] ?? '').trim();
      if (text === '') {
        missing.push(this.header[column] ?? String(column));
        return 0;
      }
      const parsed = parseCount(text);
      if (!parsed.ok) throw new CsvRowError(line, this.header[column], parsed.error);
      return parsed.value;
    };
    const registered = number(map.registered);
    const ballotsIssued = map.issued.reduce((sum, column) => sum + number(column), 0);
    const valid = map.valid === null ? undefined : number(map.valid);
    const invalid = map.invalid === null ? undefined : number(map.invalid);
    const votes: Record<string, number> = {};
    for (const { key, column } of map.candidates) votes[key] = number(column);

    const cells = 1 + map.issued.length + (map.valid === null ? 0 : 1) + (map.invalid === null ? 0 : 1);
    if (missing.length === cells + map.candidates.length) this.withoutResults += 1;
    else if (missing.length > 0) this.incomplete.push({ line, station, missing });
    else this.stations.push({ region, station, registered, ballotsIssued, valid, invalid, votes });
  }

  result(): TStationResultsFile {
    if (this.map === undefined) throw new CsvRowError(1, undefined, 'the file is empty: a header row is required');
    return {
      layout: this.map.layout,
      candidates: this.map.candidates.map((c) => c.key),
      stations: this.stations,
      withoutResults: this.withoutResults,
      incomplete: this.incomplete,
    };
  }
}
