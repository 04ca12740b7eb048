import { err, ok, type Result } from '@crosstally/shared';

/**
 * Where each number a station result needs sits in a file's columns. Both layouts the reader
 * knows (CrossTally's own and the Russian CEC's) come down to this map, so one row reader
 * serves both. Described for people in docs/station-results-csv.md.
 */
export type TColumnMap = {
  layout: 'crosstally' | 'ru-cec';
  region: number;
  /** Joined with " / " into the station's code, unique in the election (Russia: region, OIK, TIK, UIK). */
  station: number[];
  registered: number;
  /** Summed into ballots issued (Russia: early + in the station + outside it). */
  issued: number[];
  valid: number | null;
  invalid: number | null;
  candidates: { key: string; column: number }[];
};

export type THeaderProblem = { column: string | undefined; problem: string };

const CROSSTALLY_REQUIRED = ['region', 'station', 'registered', 'ballots_issued'] as const;
const VOTES_PREFIX = 'votes_';

/** Russia's header names are Russian; CrossTally's are not: one Cyrillic "Число" decides. */
export function mapColumns(header: readonly string[]): Result<TColumnMap, THeaderProblem> {
  const duplicate = header.find((h, i) => header.indexOf(h) !== i);
  if (duplicate !== undefined) return err({ column: duplicate, problem: 'the column appears twice in the header' });
  return header.some((h) => h.startsWith('Число ')) ? mapRuCec(header) : mapCrossTally(header);
}

function mapCrossTally(header: readonly string[]): Result<TColumnMap, THeaderProblem> {
  for (const column of CROSSTALLY_REQUIRED) {
    if (!header.includes(column)) return err({ column, problem: 'required column missing from the header' });
  }
  const candidates: TColumnMap['candidates'] = [];
  for (const [column, name] of header.entries()) {
    if ((CROSSTALLY_REQUIRED as readonly string[]).includes(name) || name === 'valid' || name === 'invalid') continue;
    if (!name.startsWith(VOTES_PREFIX) || name.length === VOTES_PREFIX.length) {
      return err({ column: name, problem: `unknown column (candidates are "${VOTES_PREFIX}<key>")` });
    }
    candidates.push({ key: name.slice(VOTES_PREFIX.length), column });
  }
  if (candidates.length === 0)
    return err({ column: undefined, problem: `no candidate column ("${VOTES_PREFIX}<key>")` });
  const at = (name: string) => header.indexOf(name);
  const optional = (name: string) => (header.includes(name) ? at(name) : null);
  return ok({
    layout: 'crosstally',
    region: at('region'),
    station: [at('station')],
    registered: at('registered'),
    issued: [at('ballots_issued')],
    valid: optional('valid'),
    invalid: optional('invalid'),
    candidates,
  });
}

/** The CEC's identity columns and the ones that carry no protocol number. */
const RU_IDENTITY = ['oik', 'tik', 'uik'];
const RU_IGNORED = ['region', 'level', 'name', 'url'];
const RU_REGISTERED = [
  'Число избирателей, включенных',
  'Число избирателей, внесенных',
  'Число участников голосования, включенных',
];

/**
 * The layout of Shpilkin's scrape of izbirkom.ru (the dkobak/elections data), recognised the
 * way Kobak's own loader recognises it: by fragments of the protocol lines' names. Lines the
 * forensics do not use (ballots received, cancelled, in the boxes, absentee certificates…)
 * are skipped; every column not named "Число …" and not an identity is a candidate or party.
 */
function mapRuCec(header: readonly string[]): Result<TColumnMap, THeaderProblem> {
  const matching = (test: (h: string) => boolean) => header.flatMap((h, i) => (test(h) ? [i] : []));
  const line = (h: string) => h.startsWith('Число ');
  const registered = matching((h) => line(h) && RU_REGISTERED.some((f) => h.includes(f)));
  const issued = matching((h) => line(h) && h.includes('бюллетеней, выданных'));
  const invalid = matching((h) => line(h) && h.includes('недействительных'));
  const valid = matching(
    (h) => line(h) && h.includes('действительных') && !h.includes('недействительных') && !h.includes('отметок'),
  );
  if (!header.includes('region')) return err({ column: 'region', problem: 'required column missing from the header' });
  if (registered.length !== 1) return err(count('voters on the list', registered.length, '1'));
  if (issued.length !== 1 && issued.length !== 3) return err(count('ballots issued', issued.length, '3 (or 1)'));
  if (invalid.length > 1) return err(count('invalid ballots', invalid.length, 'at most 1'));
  if (valid.length > 1) return err(count('valid ballots', valid.length, 'at most 1'));
  const candidates = header.flatMap((key, column) =>
    line(key) || RU_IDENTITY.includes(key) || RU_IGNORED.includes(key) ? [] : [{ key, column }],
  );
  if (candidates.length === 0) return err({ column: undefined, problem: 'no candidate or party column' });
  // TIK names and UIK numbers repeat between regions: only with the region is a code unique.
  const station = ['region', ...RU_IDENTITY].flatMap((name) => (header.includes(name) ? [header.indexOf(name)] : []));
  if (!header.includes('uik')) return err({ column: 'uik', problem: 'required column missing from the header' });
  return ok({
    layout: 'ru-cec',
    region: header.indexOf('region'),
    station,
    registered: registered[0] as number,
    issued,
    valid: valid[0] ?? null,
    invalid: invalid[0] ?? null,
    candidates,
  });
}

function count(what: string, found: number, expected: string): THeaderProblem {
  return { column: undefined, problem: `found ${found} columns of ${what} ("Число …"), expected ${expected}` };
}
