import { disqualifyingBallotProblems, type TBallotProblem } from './vocabulary.js';

/** One person's answer about a ballot photo. */
export type TBallotAnswer = { isBallot: boolean; candidateId: number | null; problems: readonly TBallotProblem[] };

/** The answer more checkers gave than any other, and how many gave it; null while none leads. */
export type TBallotAgreement = { verdict: 'ballot' | 'rejected'; candidateId: number | null; votes: number } | null;

/**
 * What an answer says the photo is evidence of: a vote for one candidate, or nothing (not a
 * ballot, no single mark, or a screen, a print, a spoilt ballot). Two answers agree when they
 * say the same; a face or a hand in the picture does not change what it shows.
 */
function meaningOf(answer: TBallotAnswer): string {
  const disqualified = answer.problems.some((p) => (disqualifyingBallotProblems as readonly string[]).includes(p));
  return answer.isBallot && answer.candidateId !== null && !disqualified ? `ballot:${answer.candidateId}` : 'rejected';
}

/**
 * The agreement of all checks of one photo: the meaning given by more checkers than any other
 * (a tie leads to nothing). With two checks needed, two who agree settle it, a third breaks a
 * tie between two who do not, and three different answers leave it disputed.
 */
export function judgeBallotChecks(answers: readonly TBallotAnswer[]): TBallotAgreement {
  const tally = new Map<string, number>();
  for (const a of answers) tally.set(meaningOf(a), (tally.get(meaningOf(a)) ?? 0) + 1);
  const ranked = [...tally].sort((a, b) => b[1] - a[1]);
  const [top, next] = ranked;
  if (!top || (next && next[1] === top[1])) return null;
  if (top[0] === 'rejected') return { verdict: 'rejected', candidateId: null, votes: top[1] };
  return { verdict: 'ballot', candidateId: Number(top[0].slice('ballot:'.length)), votes: top[1] };
}

/**
 * Whether a photo needs no more checks under a policy that wants `needed` agreeing ones:
 * enough agree, or so many looked that no answer can still reach a majority of 2·needed − 1.
 */
export function isBallotCheckSettled(agreement: TBallotAgreement, checks: number, needed: number): boolean {
  if (needed <= 0) return true;
  return (agreement !== null && agreement.votes >= needed) || checks >= 2 * needed - 1;
}
