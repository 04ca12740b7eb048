import { MAX_CANDIDATES, MIN_CANDIDATES } from './synthetic-form.js';
import type { TSyntheticOptions } from './synthetic-types.js';

/**
 * Defaults shaped like Belarus 2020 at its real scale (about 5,000 stations): a fifth of the
 * stations falsified, the favourite's voters reporting far less than the opposition's (as
 * with Golos), and modest noise of every kind. Participation stays at a few per cent: the
 * number of reports grows with it, and at 100,000 stations every per cent is about a
 * million report objects.
 */
export function defaultSyntheticOptions(seed: number, candidates = 5): TSyntheticOptions {
  return {
    seed,
    stations: 5000,
    candidates,
    falsifiedShare: 0.2,
    participation: defaultParticipation(candidates),
    ballotPhotoShare: 0.6,
    photoShare: 0.3,
    noise: { mistypedStation: 0.01, duplicateReport: 0.02, falseReport: 0.02, sharedBallotPhoto: 0.01 },
  };
}

/** 2 % for the favourite; 6 % falling to 4 % for the others, in ballot order. */
export function defaultParticipation(candidates: number): number[] {
  return Array.from({ length: candidates }, (_, i) =>
    i === 0 ? 0.02 : candidates === 2 ? 0.06 : round4(0.06 - (0.02 * (i - 1)) / (candidates - 2)),
  );
}

/**
 * Every problem with the options at once, as a RangeError: options come from code (tests,
 * the bench, the demo seeder), so a bad one is a programmer error, not an input to answer.
 */
export function assertValidOptions(options: TSyntheticOptions): void {
  const problems: string[] = [];
  const { seed, stations, candidates, participation, noise } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) problems.push('seed: an integer in [0, 2^32)');
  if (!Number.isInteger(stations) || stations < 1 || stations > 1_000_000) {
    problems.push('stations: an integer from 1 to 1,000,000');
  }
  if (!Number.isInteger(candidates) || candidates < MIN_CANDIDATES || candidates > MAX_CANDIDATES) {
    problems.push(`candidates: an integer from ${MIN_CANDIDATES} to ${MAX_CANDIDATES}`);
  }
  if (participation.length !== candidates) problems.push(`participation: one share per candidate (${candidates})`);
  participation.forEach((p, i) => {
    if (!isShare(p)) problems.push(`participation[${i}]: a share in [0, 1]`);
  });
  const shares: [string, number][] = [
    ['falsifiedShare', options.falsifiedShare],
    ['ballotPhotoShare', options.ballotPhotoShare],
    ['photoShare', options.photoShare],
    ...Object.entries(noise).map(([k, v]): [string, number] => [`noise.${k}`, v]),
  ];
  for (const [name, value] of shares) if (!isShare(value)) problems.push(`${name}: a share in [0, 1]`);
  const moved = options.movedShare;
  if (moved && !(isShare(moved[0]) && isShare(moved[1]) && moved[0] <= moved[1])) {
    problems.push('movedShare: [min, max] with 0 <= min <= max <= 1');
  }
  if (problems.length > 0) throw new RangeError(`invalid synthetic options: ${problems.join('; ')}`);
}

function isShare(x: number): boolean {
  return Number.isFinite(x) && x >= 0 && x <= 1;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
