import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { AppError } from '../errors.js';

export type TCsvRecord = { line: number; values: Record<string, string> };

export class CsvRowError extends AppError {
  constructor(
    readonly line: number,
    readonly column: string | undefined,
    problem: string,
  ) {
    super('bad_request', column ? `line ${line}, column ${column}: ${problem}` : `line ${line}: ${problem}`, {
      line,
      ...(column ? { column } : {}),
    });
  }
}

/**
 * Reads a CSV with a header row into records that remember their line number, so every
 * error can name the line (counting the header as line 1) and the column.
 */
export async function readCsvRecords(
  input: Readable | Buffer | string,
  expect: { required: readonly string[]; allowed?: (column: string) => boolean },
): Promise<{ header: string[]; records: TCsvRecord[] }> {
  const parser = parse({ bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: false });
  if (typeof input === 'string' || Buffer.isBuffer(input)) parser.end(input);
  else input.pipe(parser);
  let header: string[] | undefined;
  const records: TCsvRecord[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = checkHeader(record, expect, info.lines);
        continue;
      }
      const values: Record<string, string> = {};
      header.forEach((column, i) => (values[column] = record[i] ?? ''));
      records.push({ line: info.lines, values });
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const line = (error as { lines?: number }).lines ?? 0;
    throw new CsvRowError(line, undefined, `not valid CSV (${(error as Error).message.split(':')[0]})`);
  }
  if (!header) throw new CsvRowError(1, undefined, 'the file is empty: a header row is required');
  return { header, records };
}

function checkHeader(
  record: string[],
  expect: { required: readonly string[]; allowed?: (column: string) => boolean },
  line: number,
): string[] {
  const header = record.map((h) => h.trim());
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) throw new CsvRowError(line, column, 'the column appears twice in the header');
    seen.add(column);
    if (!expect.required.includes(column) && !(expect.allowed?.(column) ?? false)) {
      throw new CsvRowError(line, column, 'unknown column');
    }
  }
  for (const column of expect.required) {
    if (!seen.has(column)) throw new CsvRowError(line, column, 'required column missing from the header');
  }
  return header;
}
