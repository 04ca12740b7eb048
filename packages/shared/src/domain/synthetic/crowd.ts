import { binomial } from './distributions.js';
import { BallotPhotos, mistypeCode } from './crowd-noise.js';
import type { Rng } from './prng.js';
import { votesLine } from './synthetic-form.js';
import type { TSyntheticOptions, TSyntheticSelfReport } from './synthetic-types.js';
import { VoterTokens, type TVoterKind } from './voter-tokens.js';

/**
 * The crowd's self-reports. Honest reports are drawn from the TRUE votes: of candidate C's
 * true voters at a station, Binomial(truth, participation[C]) report. So honest reports for
 * C at S can never outnumber C's true votes at S, whatever the falsification: this is the
 * invariant that makes a "crowd exceeds official" finding a proof, and the engine's tests
 * rely on it.
 *
 * Modelling choice: a false report (a person claiming a candidate they did not vote for)
 * never carries a photo of its own. A liar cannot photograph a ballot they did not mark, so
 * most false reports have no photo and the rest reuse another report's photo (one found in
 * a chat or online), which makes that photo non-unique for both. Under the default policy
 * (photo required and unique across all reports, superseded ones included) no false report
 * is ever verified.
 */

type TCrowdStation = { code: string; truth: Readonly<Record<string, number>> };

/** Share of false reports that reuse someone else's ballot photo (the rest have none). */
const FALSE_WITH_PHOTO = 0.15;
/** Share of duplicate reports that repeat the same candidate (the rest switch, falsely). */
const DUPLICATE_SAME = 0.6;

export function drawSelfReports(
  rng: Rng,
  stations: readonly TCrowdStation[],
  candidates: readonly string[],
  favourite: string,
  options: TSyntheticOptions,
): TSyntheticSelfReport[] {
  const { participation, ballotPhotoShare, noise } = options;
  const codes = new Set(stations.map((s) => s.code));
  const exists = (code: string) => codes.has(code);
  const tokens = new VoterTokens(rng);
  const photos = new BallotPhotos();
  const opponents = candidates.filter((c) => c !== favourite);
  // Noise shares are of all reports: n honest reports bring n·r/(1−r) noisy ones.
  const extra = (share: number) => Math.min(share, 0.9) / (1 - Math.min(share, 0.9));
  const out: TSyntheticSelfReport[] = [];

  const typed = (code: string) => (rng.chance(noise.mistypedStation) ? mistypeCode(rng, code, exists) : code);

  for (const station of stations) {
    const start = out.length;
    const stationPhotos: string[] = [];
    for (let i = 0; i < candidates.length; i += 1) {
      const candidate = candidates[i] ?? '';
      const reporting = binomial(rng, station.truth[votesLine(candidate)] ?? 0, participation[i] ?? 0);
      for (let r = 0; r < reporting; r += 1) {
        const token = tokens.next(tokens.drawKind(rng));
        let photo: string | null = null;
        if (rng.chance(ballotPhotoShare)) {
          const shared = rng.chance(noise.sharedBallotPhoto) ? photos.reuse(rng, stationPhotos) : null;
          photo = shared ?? photos.fresh();
          if (shared === null) stationPhotos.push(photo);
        }
        out.push(report(typed(station.code), candidate, tokens.lastKind, token, photo, false, false));
      }
    }
    const honest = out.length - start;

    const liars = binomial(rng, honest, extra(noise.falseReport));
    for (let r = 0; r < liars; r += 1) {
      // Mostly an opponent of the favourite: the lie that would fake a "crowd exceeds
      // official" finding, which the verification policy must stop.
      const claim = rng.chance(0.75) && opponents.length > 0 ? rng.pick(opponents) : rng.pick(candidates);
      const photo = rng.chance(FALSE_WITH_PHOTO) ? photos.reuse(rng, stationPhotos) : null;
      const token = tokens.next(tokens.drawKind(rng));
      out.push(report(typed(station.code), claim, tokens.lastKind, token, photo, true, false));
    }

    const repeats = honest > 0 ? binomial(rng, honest, extra(noise.duplicateReport)) : 0;
    for (let r = 0; r < repeats; r += 1) {
      const first = out[start + rng.int(0, honest - 1)];
      if (first === undefined) throw new Error('drawSelfReports: duplicate of a missing report');
      if (rng.chance(DUPLICATE_SAME)) {
        // The same voter sends the same report again, with the same picture if it had one.
        out.push(
          report(first.station, first.candidate, first.voterKind, first.voterToken, first.ballotPhoto, false, true),
        );
      } else {
        // The voter changes the claim: it replaces the true one and is false, without a photo.
        const claim = rng.pick(candidates.filter((c) => c !== first.candidate));
        out.push(report(first.station, claim, first.voterKind, first.voterToken, null, true, true));
      }
    }
  }
  return out;
}

/** One constructor so that every report object has the same shape (memory and speed in V8). */
function report(
  station: string,
  candidate: string,
  voterKind: TVoterKind,
  voterToken: string,
  ballotPhoto: string | null,
  isFalse: boolean,
  isDuplicate: boolean,
): TSyntheticSelfReport {
  return { station, candidate, voterKind, voterToken, ballotPhoto, isFalse, isDuplicate };
}
