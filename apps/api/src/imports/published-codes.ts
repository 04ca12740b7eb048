import { createHash } from 'node:crypto';
import { CsvRowError } from './csv-records.js';
import type { TPublishedForm, TPublishedRow } from './published-import.js';
import { ZStationCode } from './stations-import.js';

// Keys and codes made from what a commission's file names: candidates' line keys and the
// stations' codes, in ASCII, stable from one file of an election to the next.

const CYRILLIC = new Map(
  (
    'а:a б:b в:v г:g д:d е:e ё:e ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ' +
    'ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya і:i ў:u ї:yi є:ye ґ:g'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

/** Lowercase ASCII words: Cyrillic by the table above, Latin accents dropped, the rest a separator. */
export function slugOf(text: string, separator: '_' | '-'): string {
  const latin = Array.from(text.normalize('NFC').toLowerCase(), (ch) => CYRILLIC.get(ch) ?? ch).join('');
  const plain = latin.normalize('NFKD').replace(/\p{M}/gu, '');
  return plain
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join(separator);
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 6);
/** A candidate's line is votes_<key>, and a line key holds at most 40 characters. */
const KEY_ROOM = 40 - 'votes_'.length;

/** "Путин Владимир Владимирович" → putin_vladimir_vladimirovich; long names end in a hash of the whole. */
export function candidateKeyOf(name: string): string {
  const slug = slugOf(name, '_');
  if (slug !== '' && slug.length <= KEY_ROOM) return slug;
  const head = slug.slice(0, KEY_ROOM - 7).replace(/_+$/, '');
  return head === '' ? `c${shortHash(name)}` : `${head}_${shortHash(name)}`;
}

const STATION_CODE_MAX = 64;
/** Shortest first: the first combination unique in the file makes the codes (Russia: region_uik). */
const CEC_CODE_PARTS = [
  ['uik'],
  ['tik', 'uik'],
  ['region', 'uik'],
  ['region', 'tik', 'uik'],
  ['region', 'oik', 'tik', 'uik'],
];

/** A part that is already a valid code is kept as it is ("N-0001", "17"); any other is transliterated. */
function stationCodeOf(parts: string[], piece: (part: string) => string): string {
  const code = parts
    .map(piece)
    .filter((p) => p !== '')
    .join('_');
  return code.length <= STATION_CODE_MAX
    ? code
    : `${code.slice(0, STATION_CODE_MAX - 7)}-${shortHash(parts.join('\n'))}`;
}

function codeCombinations(form: TPublishedForm): number[][] {
  if (form.layout === 'crosstally') return [[0]];
  const at = (name: string) => form.identity.findIndex((i) => i.name === name);
  const combos = CEC_CODE_PARTS.map((names) => names.map(at)).filter((c) => c.every((i) => i >= 0));
  return combos.filter((c, i) => combos.findIndex((o) => o.join() === c.join()) === i);
}

/**
 * Codes for the rows, unique in the election. When the election already has stations, the
 * combination that finds most of them wins, so that a later file (one region, say) names
 * the same stations as the first.
 */
export function stationCodesOf(
  form: TPublishedForm,
  rows: readonly TPublishedRow[],
  known: ReadonlySet<string>,
): string[] {
  let best: { codes: string[]; known: number } | undefined;
  let problem: CsvRowError | undefined;
  // A hundred regions name a hundred thousand stations: each name is transliterated once.
  const pieces = new Map<string, string>();
  const piece = (part: string) => {
    let done = pieces.get(part);
    if (done === undefined) pieces.set(part, (done = ZStationCode.test(part) ? part : slugOf(part, '-')));
    return done;
  };
  for (const combo of codeCombinations(form)) {
    const names = combo.map((i) => form.identity[i]!.name);
    const seen = new Map<string, number>();
    const codes: string[] = [];
    for (const row of rows) {
      const code = stationCodeOf(
        combo.map((i) => row.identity[i]!),
        piece,
      );
      const first = seen.get(code);
      if (code === '' || first !== undefined) {
        const why = code === '' ? 'no station code' : `station code ${code} already made by line ${first}`;
        problem = new CsvRowError(row.line, names.at(-1), `${why} (from ${names.join(', ')})`);
        break;
      }
      seen.set(code, row.line);
      codes.push(code);
    }
    if (codes.length < rows.length) continue;
    const found = known.size === 0 ? 0 : codes.reduce((n, c) => n + (known.has(c) ? 1 : 0), 0);
    if (!best || found > best.known) best = { codes, known: found };
    if (known.size === 0) break;
  }
  if (!best) throw problem ?? new CsvRowError(1, undefined, 'no column tells the stations apart');
  return best.codes;
}
