import { describe, expect, it } from 'vitest';
import { isBallotCheckSettled, judgeBallotChecks, type TBallotAnswer } from './ballot-check.js';

const vote = (candidateId: number, ...problems: TBallotAnswer['problems']): TBallotAnswer => ({
  isBallot: true,
  candidateId,
  problems,
});
const notBallot: TBallotAnswer = { isBallot: false, candidateId: null, problems: [] };

describe('judgeBallotChecks', () => {
  it('settles nothing with no check, and one check leads alone', () => {
    expect(judgeBallotChecks([])).toBeNull();
    expect(judgeBallotChecks([vote(3)])).toEqual({ verdict: 'ballot', candidateId: 3, votes: 1 });
  });

  it('two who agree settle it; two who do not leave it to a third', () => {
    expect(judgeBallotChecks([vote(3), vote(3)])).toEqual({ verdict: 'ballot', candidateId: 3, votes: 2 });
    expect(judgeBallotChecks([vote(3), vote(4)])).toBeNull();
    expect(judgeBallotChecks([vote(3), vote(4), vote(4)])).toEqual({ verdict: 'ballot', candidateId: 4, votes: 2 });
    expect(judgeBallotChecks([vote(3), vote(4), notBallot])).toBeNull();
  });

  it('counts a screen, a print or two marks as no evidence, and a face as still a vote', () => {
    expect(judgeBallotChecks([vote(3, 'screenshot'), notBallot])).toEqual({
      verdict: 'rejected',
      candidateId: null,
      votes: 2,
    });
    expect(judgeBallotChecks([vote(3, 'printed'), vote(3, 'two_marks')])?.verdict).toBe('rejected');
    expect(judgeBallotChecks([vote(3, 'face_or_hand'), vote(3)])).toEqual({
      verdict: 'ballot',
      candidateId: 3,
      votes: 2,
    });
    expect(judgeBallotChecks([{ isBallot: true, candidateId: null, problems: [] }, notBallot])?.verdict).toBe(
      'rejected',
    );
  });
});

describe('isBallotCheckSettled', () => {
  it('wants `needed` agreeing checks, and stops at 2·needed − 1 looks', () => {
    const two = judgeBallotChecks([vote(1), vote(1)]);
    expect(isBallotCheckSettled(two, 2, 2)).toBe(true);
    expect(isBallotCheckSettled(judgeBallotChecks([vote(1), vote(2)]), 2, 2)).toBe(false);
    expect(isBallotCheckSettled(judgeBallotChecks([vote(1), vote(2), notBallot]), 3, 2)).toBe(true);
    expect(isBallotCheckSettled(judgeBallotChecks([vote(1)]), 1, 1)).toBe(true);
    expect(isBallotCheckSettled(null, 0, 0)).toBe(true);
  });
});
