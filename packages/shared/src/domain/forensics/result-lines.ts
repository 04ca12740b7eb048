import type { TStationResult } from './station-result.js';

/** What this needs of a protocol line: its key, and the candidate it counts, if any. */
export type TResultFormLine = { key: string; candidate?: string | undefined };

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
export type TResultLines<L extends TResultFormLine = TResultFormLine> = {
  /** null: the registry's voters on the list. */
  registered: L | null;
  issued: L[];
  counted: L[];
  candidates: (L & { candidate: string })[];
};

export function resultLinesOf<L extends TResultFormLine>(lines: readonly L[]): TResultLines<L> | null {
  const byKey = new Map(lines.map((l) => [l.key, l]));
  const some = (...keys: string[]) => keys.flatMap((k) => (byKey.has(k) ? [byKey.get(k)!] : []));
  const candidates = lines.filter((l): l is L & { candidate: string } => l.candidate !== undefined);
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

/**
 * A station's protocol numbers as forensics and the estimate read them, or null when the
 * result lacks a line they need (counted, never guessed). Shares are of the ballots counted
 * (the `counted` lines), split into invalid (the form's `invalid` line, when it has one) and
 * the rest.
 */
export function stationResultOf(
  lines: TResultLines,
  values: Readonly<Record<string, number>>,
  station: { region: string; station: string; votersOnList: number | null },
): TStationResult | null {
  const sum = (of: readonly TResultFormLine[]) => {
    let total = 0;
    for (const l of of) {
      const v = values[l.key];
      if (v === undefined) return null;
      total += v;
    }
    return total;
  };
  const registered = lines.registered ? values[lines.registered.key] : station.votersOnList;
  const ballotsIssued = sum(lines.issued);
  const counted = sum(lines.counted);
  // An electorate nobody published is unknown, never 0: such a station has no turnout.
  if (registered === undefined || registered === null || ballotsIssued === null || counted === null) return null;
  const votes: Record<string, number> = {};
  for (const c of lines.candidates) {
    const v = values[c.key];
    if (v === undefined) return null;
    votes[c.candidate] = v;
  }
  const invalid = values['invalid'];
  return {
    region: station.region,
    station: station.station,
    registered,
    ballotsIssued,
    valid: counted - (invalid ?? 0),
    invalid: invalid ?? 0,
    votes,
  };
}
