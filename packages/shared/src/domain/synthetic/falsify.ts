import { assertNever } from '../result.js';
import type { Rng } from './prng.js';
import { votesLine } from './synthetic-form.js';
import type { TFalsification } from './synthetic-types.js';

/**
 * How a falsified station's official result departs from the truth. Every change is a
 * line-by-line addition, so `applyFalsifications` is the whole specification of what the
 * commission published, and a test can recompute it from the recorded falsifications.
 */

/** Exactly round(share · n) stations, chosen by the seed (partial Fisher–Yates). */
export function chooseFalsified(rng: Rng, stationCount: number, share: number): Uint8Array {
  const chosen = new Uint8Array(stationCount);
  const count = Math.round(Math.min(1, Math.max(0, share)) * stationCount);
  const order = new Int32Array(stationCount);
  for (let i = 0; i < stationCount; i += 1) order[i] = i;
  for (let i = 0; i < count; i += 1) {
    const j = rng.int(i, stationCount - 1);
    const picked = order[j] ?? i;
    order[j] = order[i] ?? j;
    order[i] = picked;
    chosen[picked] = 1;
  }
  return chosen;
}

/**
 * One station's falsifications, always at least one that changes a number. Half the time
 * the station posts the truth and only the publication is forged (substituted_protocol: a
 * protocol photo disagrees with the official result); otherwise the forged protocol is posted
 * too, so photos agree with the official numbers and only the crowd or statistics can tell.
 */
export function planFalsifications(
  rng: Rng,
  truth: Readonly<Record<string, number>>,
  candidates: readonly string[],
  favourite: string,
  movedShare: readonly [number, number] = [0.2, 0.7],
): TFalsification[] {
  const r = rng.float();
  const wanted: TFalsification['kind'][] =
    r < 0.35
      ? ['moved_votes']
      : r < 0.65
        ? ['stuffing']
        : r < 0.8
          ? ['moved_votes', 'stuffing']
          : r < 0.9
            ? ['arithmetic_slip']
            : [rng.chance(0.5) ? 'moved_votes' : 'stuffing', 'arithmetic_slip'];
  const plan: TFalsification[] = [];
  for (const kind of wanted) {
    const made =
      kind === 'moved_votes'
        ? (moveVotes(rng, truth, candidates, favourite, movedShare) ?? stuff(rng, truth, favourite))
        : kind === 'stuffing'
          ? (stuff(rng, truth, favourite) ?? moveVotes(rng, truth, candidates, favourite, movedShare))
          : null;
    if (made !== null && !plan.some((f) => f.kind === made.kind)) plan.push(made);
  }
  // A slip is the fallback too: a station with no opposition votes and no room for
  // ballots can still be falsified by bad arithmetic.
  if (wanted.includes('arithmetic_slip') || plan.length === 0) plan.push(slip(rng, truth, candidates, plan));
  if (rng.chance(0.5)) plan.push({ kind: 'substituted_protocol' });
  return plan;
}

/** What the commission published for a station with these falsifications. */
export function applyFalsifications(
  truth: Readonly<Record<string, number>>,
  falsifications: readonly TFalsification[],
): Record<string, number> {
  const values = { ...truth };
  const add = (line: string, delta: number) => {
    values[line] = (values[line] ?? 0) + delta;
  };
  for (const f of falsifications) {
    switch (f.kind) {
      case 'moved_votes':
        add(votesLine(f.from), -f.votes);
        add(votesLine(f.to), f.votes);
        break;
      case 'stuffing':
        // Stuffed ballots are "issued on the day" and come out of the unused ones, so every
        // relation still holds: only the crowd and statistics can see it.
        add(votesLine(f.to), f.ballots);
        add('took_part', f.ballots);
        add('issued_day', f.ballots);
        add('unused', -f.ballots);
        break;
      case 'arithmetic_slip':
        add(f.line, f.delta);
        break;
      case 'substituted_protocol':
        break;
      default:
        assertNever(f);
    }
  }
  return values;
}

/** A share of the votes of an opponent (mostly the strongest) goes to the favourite. */
function moveVotes(
  rng: Rng,
  truth: Readonly<Record<string, number>>,
  candidates: readonly string[],
  favourite: string,
  movedShare: readonly [number, number],
): TFalsification | null {
  const opponents = candidates.filter((c) => c !== favourite && (truth[votesLine(c)] ?? 0) > 0);
  if (opponents.length === 0) return null;
  const strongest = opponents.reduce((a, b) => ((truth[votesLine(b)] ?? 0) > (truth[votesLine(a)] ?? 0) ? b : a));
  const from = rng.chance(0.7) ? strongest : rng.pick(opponents);
  const votes = Math.max(1, Math.round((truth[votesLine(from)] ?? 0) * rng.between(movedShare[0], movedShare[1])));
  return { kind: 'moved_votes', from, to: favourite, votes };
}

/** 10–50 % of the room left: ballots no voter cast, within the list and the unused ballots. */
function stuff(rng: Rng, truth: Readonly<Record<string, number>>, favourite: string): TFalsification | null {
  const room = Math.min(truth['unused'] ?? 0, (truth['voters_on_list'] ?? 0) - (truth['took_part'] ?? 0));
  if (room < 1) return null;
  return { kind: 'stuffing', to: favourite, ballots: Math.max(1, Math.round(room * rng.between(0.1, 0.5))) };
}

/** Lines a slip may hit besides the candidates' (voters_on_list is in no equality). */
const slipLines = ['took_part', 'received', 'issued_early', 'issued_day', 'unused', 'invalid', 'against_all'];

/**
 * One line off by 1–30, which breaks an equality relation (every line below is in one).
 * Never a line the theft moved (the robbed candidate's or the favoured one's): the slip must
 * not hide or undo the theft, as a slip down the favourite's line once undid the stuffing.
 */
function slip(
  rng: Rng,
  truth: Readonly<Record<string, number>>,
  candidates: readonly string[],
  plan: readonly TFalsification[],
): TFalsification {
  const touched = plan.flatMap((f) =>
    f.kind === 'moved_votes' ? [votesLine(f.from), votesLine(f.to)] : f.kind === 'stuffing' ? [votesLine(f.to)] : [],
  );
  const lines = [...slipLines, ...candidates.map(votesLine)].filter((l) => !touched.includes(l));
  const line = rng.pick(lines);
  const size = rng.int(1, 30);
  // Downwards only when the published number stays a count (≥ 0) after every other change.
  const published = applyFalsifications(truth, plan)[line] ?? 0;
  const delta = rng.chance(0.5) && published >= size ? -size : size;
  return { kind: 'arithmetic_slip', line, delta };
}
