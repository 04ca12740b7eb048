import { ballotProblems, err, ok, type Result, type TBallotProblem, type TMessageKey } from '@crosstally/shared';
import type { TBallotCheckInput } from '../../../ballot-checks/check-ballot.js';

/** What is wrong with the posted answer, by field. */
export type TCheckErrors = Partial<Record<'isBallot' | 'candidate', TMessageKey>>;

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * The posted check: yes or no, the candidate marked (a key, or "" for none, several or
 * unclear) and the problems ticked. A ballot needs an answer about its mark; no answer is
 * never taken for "none".
 */
export function readCheckForm(
  body: unknown,
  candidateKeys: readonly string[],
): Result<TBallotCheckInput, TCheckErrors> {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const errors: TCheckErrors = {};
  const isBallot = fields.isBallot === 'yes' ? true : fields.isBallot === 'no' ? false : undefined;
  if (isBallot === undefined) errors.isBallot = 'web.check.error.isBallot';
  const candidate = typeof fields.candidate === 'string' ? fields.candidate : undefined;
  if (isBallot && (candidate === undefined || (candidate !== '' && !candidateKeys.includes(candidate)))) {
    errors.candidate = 'web.check.error.candidate';
  }
  const problems = asList(fields.problems).filter((p): p is TBallotProblem =>
    (ballotProblems as readonly unknown[]).includes(p),
  );
  if (Object.keys(errors).length > 0) return err(errors);
  return ok({ isBallot: isBallot!, candidate: isBallot && candidate ? candidate : null, problems });
}
