import type { TStoredFormLine } from '@crosstally/shared';

/**
 * Which protocol lines make a station's turnout and leader share, read from the election's
 * own form so that another country's protocol needs no code:
 * - voters on the list: the `voters_on_list` line; without one, the station registry's count;
 * - ballots issued (the turnout numerator, as Kobak et al. count it): the sum of the
 *   `issued_*` lines (early, at home, on the day); else a `ballots_issued` line; else
 *   `took_part`;
 * - the leader share's denominator: `took_part` (every ballot found, invalid and "against
 *   all" included); else `valid` + `invalid`; else every candidate line + `against_all` +
 *   `invalid`, those that exist;
 * - candidates: the lines that name a candidate.
 * Each sum is of lines the form has; a station whose result lacks one of them is left out.
 */
export type TChartLines = {
  /** null: the registry's voters on the list. */
  registered: TStoredFormLine | null;
  issued: TStoredFormLine[];
  counted: TStoredFormLine[];
  candidates: (TStoredFormLine & { candidate: string })[];
};

export function chartLinesOf(lines: readonly TStoredFormLine[]): TChartLines | null {
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const some = (...keys: string[]) => keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
  const candidates = lines.filter((l): l is TStoredFormLine & { candidate: string } => l.candidate !== undefined);
  const issuedParts = lines.filter((l) => l.key.startsWith('issued_'));
  const issued =
    issuedParts.length > 0 ? issuedParts : some('ballots_issued').length ? some('ballots_issued') : some('took_part');
  const counted = byKey.has('took_part')
    ? some('took_part')
    : byKey.has('valid')
      ? some('valid', 'invalid')
      : [...candidates, ...some('against_all', 'invalid')];
  if (candidates.length === 0 || issued.length === 0) return null;
  return { registered: byKey.get('voters_on_list') ?? null, issued, counted, candidates };
}
