import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import {
  parseCount,
  type TCandidate,
  type TElectionDefinitionInput,
  type TFormLine,
  type TLineValues,
  type TLocalizedText,
} from '@crosstally/shared';
import { AppError } from '../errors.js';
import { mapColumns, type TColumnMap } from '../forensics/results-layout.js';
import { CsvRowError } from './csv-records.js';
import { candidateKeyOf, stationCodesOf } from './published-codes.js';
import type { TOfficialRow } from './official-import.js';
import type { TStationRow } from './stations-import.js';

/**
 * A published station-level results file (any layout of docs/station-results-csv.md) as an
 * election of the platform. The form comes from the header alone, never from the numbers, so
 * a corrected file of the same election gives the same definition and only adds versions.
 */
export type TPublishedForm = {
  lines: (TFormLine & { column: number })[];
  candidates: TCandidate[];
  relations: string[];
  /** The columns that tell stations apart (CrossTally: station; CEC: region, oik, tik, uik). */
  identity: { name: string; column: number }[];
  region: number;
  tik: number | null;
  layout: TColumnMap['layout'];
};
export type TPublishedRow = { line: number; identity: string[]; regionPath: string[]; values: TLineValues };
export type TPublishedFile = { form: TPublishedForm; rows: TPublishedRow[] };

/** Reads the file through `sources` (a file stream, then a gunzip for ".gz"); errors name the line. */
export async function readPublishedResults(sources: Readable[]): Promise<TPublishedFile> {
  const parser = parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: false });
  const fed = pipeline([...sources, parser]);
  let header: string[] = [];
  let form: TPublishedForm | undefined;
  const rows: TPublishedRow[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (form) rows.push(readRow(form, header, record, info.lines));
      else form = formOfHeader((header = record.map((h) => h.trim())), info.lines);
    }
    await fed;
  } catch (error) {
    fed.catch(() => undefined);
    throw fileError(error);
  }
  if (!form) throw new CsvRowError(1, undefined, 'the file is empty: a header row is required');
  return { form, rows };
}

function fileError(error: unknown): Error {
  if (error instanceof AppError) return error;
  const { code, syscall, lines } = error as { code?: unknown; syscall?: unknown; lines?: number };
  const message = (error as Error).message;
  if (typeof code === 'string' && code.startsWith('Z_'))
    return new AppError('bad_request', `not a valid gzip file (${message})`);
  if (syscall !== undefined) return new AppError('bad_request', `cannot read the file (${message})`);
  return new CsvRowError(lines ?? 0, undefined, `not valid CSV (${message.split(':')[0]})`);
}

function readRow(form: TPublishedForm, header: string[], record: string[], line: number): TPublishedRow {
  const cell = (column: number) => (record[column] ?? '').trim();
  const values: TLineValues = {};
  for (const l of form.lines) {
    const text = cell(l.column);
    if (text === '') continue; // missing, never 0
    const parsed = parseCount(text);
    if (!parsed.ok) throw new CsvRowError(line, header[l.column], parsed.error);
    values[l.key] = parsed.value;
  }
  const region = regionName(cell(form.region));
  if (region === '') throw new CsvRowError(line, header[form.region], 'no region');
  const tik = form.tik === null ? '' : regionName(cell(form.tik));
  const identity = form.identity.map((i) => cell(i.column));
  return { line, identity, regionPath: tik === '' ? [region] : [region, tik], values };
}

/** "/" separates the levels of a region path; a name keeps its words but not that character. */
const regionName = (text: string) => text.replaceAll('/', '-').slice(0, 200).trim();

const text3 = (be: string, ru: string, en: string): TLocalizedText => ({ be, ru, en });
const LABELS: Record<string, TLocalizedText> = {
  voters_on_list: text3('Выбаршчыкаў у спісе', 'Избирателей в списке', 'Voters on the list'),
  ballots_issued: text3('Выдадзена бюлетэняў', 'Выдано бюллетеней', 'Ballots issued'),
  issued_early: text3('Выдадзена датэрмінова', 'Выдано досрочно', 'Ballots issued early'),
  issued_day: text3('Выдадзена ў памяшканні', 'Выдано в помещении', 'Ballots issued in the polling station'),
  issued_outside: text3('Выдадзена па-за памяшканнем', 'Выдано вне помещения', 'Ballots issued outside it'),
  valid: text3('Сапраўдныя бюлетэні', 'Действительные бюллетени', 'Valid ballots'),
  invalid: text3('Несапраўдныя бюлетэні', 'Недействительные бюллетени', 'Invalid ballots'),
};
/** First match wins: "вне помещений … в день голосования" is outside, not on the day. */
const ISSUED_BY_FRAGMENT = [
  ['досрочно', 'issued_early'],
  ['вне помещени', 'issued_outside'],
  ['в помещени', 'issued_day'],
  ['в день голосования', 'issued_day'],
] as const;

/** The CEC's three "issued" lines stay apart (issued_*, as the web charts read them). */
function issuedKeysOf(names: string[]): string[] {
  if (names.length === 1) return ['ballots_issued'];
  const keys = names.map((n) => ISSUED_BY_FRAGMENT.find(([fragment]) => n.includes(fragment))?.[1]);
  const distinct = new Set(keys).size === keys.length && keys.every((k) => k !== undefined);
  return distinct ? (keys as string[]) : names.map((_, i) => `issued_${i + 1}`);
}

function formOfHeader(header: string[], line: number): TPublishedForm {
  const mapped = mapColumns(header);
  if (!mapped.ok) throw new CsvRowError(line, mapped.error.column, mapped.error.problem);
  const map = mapped.value;
  const cec = map.layout === 'ru-cec';
  // The CEC's own wording of a line is its Russian label; the table gives the rest.
  const named = (key: string, column: number) => {
    const own = header[column]!.slice(0, 300);
    const known = LABELS[key];
    return { key, column, label: known ? { ...known, ...(cec ? { ru: own } : {}) } : text3(own, own, own) };
  };
  const issued = issuedKeysOf(map.issued.map((c) => header[c]!));
  const candidates = map.candidates.map(({ key, column }) => {
    const name = key.slice(0, 300);
    return { key: candidateKeyOf(key), column, name: text3(name, name, name) };
  });
  candidates.forEach((c, i) => {
    const first = candidates.findIndex((o) => o.key === c.key);
    if (first !== i) {
      const problem = `makes the candidate key "${c.key}", as "${header[candidates[first]!.column]}" does`;
      throw new CsvRowError(line, header[c.column], problem);
    }
  });
  const lines = [
    named('voters_on_list', map.registered),
    ...map.issued.map((column, i) => named(issued[i]!, column)),
    ...(map.valid === null ? [] : [named('valid', map.valid)]),
    ...(map.invalid === null ? [] : [named('invalid', map.invalid)]),
    ...candidates.map((c) => ({ key: `votes_${c.key}`, column: c.column, label: c.name, candidate: c.key })),
  ].map((l, i) => ({ ...l, number: i + 1 }));
  // Only what the layout guarantees: the CEC protocol's own control relation (valid ballots
  // are the votes of its columns, "against all" included) and one ballot per listed voter.
  // A CrossTally file promises no arithmetic (its candidates may be a subset), so none.
  const relations = cec
    ? [`${issued.join(' + ')} <= voters_on_list`, ...(map.valid === null ? [] : ['valid = sum(candidates)'])]
    : [];
  return {
    lines,
    candidates: candidates.map(({ key, name }) => ({ key, name })),
    relations,
    identity: map.station.map((column) => ({ name: header[column]!, column })),
    region: map.region,
    tik: cec && header.includes('tik') ? header.indexOf('tik') : null,
    layout: map.layout,
  };
}

/** The election's JSON definition (still to be checked by ZElectionDefinition). */
export function definitionOf(form: TPublishedForm, code: string, name: TLocalizedText): TElectionDefinitionInput {
  const lines = form.lines.map(({ column: _column, ...line }) => line);
  return { code, name, candidates: form.candidates, form: { lines, relations: form.relations } };
}

export type TPublishedStations = { stations: TStationRow[]; official: TOfficialRow[]; withoutVoters: number };

/**
 * The stations and their official results. A row without voters on the list (a station
 * whose result was never published) makes no station: nothing is filled with 0. Stations
 * have no names or addresses in these files: the code stands for both.
 */
export function publishedStations(file: TPublishedFile, known: ReadonlySet<string>): TPublishedStations {
  const rows = file.rows.filter((r) => r.values.voters_on_list !== undefined);
  const codes = stationCodesOf(file.form, rows, known);
  const stations = rows.map((r, i): TStationRow => {
    const code = codes[i]!;
    const [nameBe, nameRu, addressBe, addressRu] = [code, code, code, code];
    return {
      line: r.line,
      code,
      regionPath: r.regionPath,
      nameBe,
      nameRu,
      addressBe,
      addressRu,
      votersOnList: r.values.voters_on_list!,
    };
  });
  const official = rows.map((r, i) => ({ line: r.line, stationCode: codes[i]!, values: r.values }));
  return { stations, official, withoutVoters: file.rows.length - rows.length };
}
