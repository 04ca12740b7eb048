import { lnGamma } from './special-functions.js';
import { isWholePercent } from './station-columns.js';

/** Terms below this fraction of the largest are left out: their sum stays below 1e-8. */
const NEGLIGIBLE = 1e-9;

/**
 * P(100·K/n is within ±halfWidthPp of a whole number) for K ~ Binomial(n, p): the chance
 * that an honest count of n ballots lands on a "round" percentage. The probability mass
 * function is walked outward from its mode by its ratio recurrence until the terms are
 * negligible (a dozen standard deviations, not n terms), and the remainder 100·k mod n is
 * carried along, so that each step costs a few integer operations: the integer-percentage
 * test calls this twice for each of 90,000 stations.
 *
 * 100·k/n is whole within h pp exactly when d = min(100k mod n, n − 100k mod n) has d ≤ h·n;
 * where that is an equality, the floating-point test Kobak et al. ran (|x − round(x)| ≤ h on
 * x = 100k/n) decides, so that boundary cases come out as theirs did.
 */
export function wholePercentChance(n: number, p: number, halfWidthPp: number): number {
  if (n <= 0) return 0;
  if (p <= 0 || p >= 1) return isWholePercent(p <= 0 ? 0 : n, n, halfWidthPp) ? 1 : 0;
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const atMode = Math.exp(
    lnGamma(n + 1) - lnGamma(mode + 1) - lnGamma(n - mode + 1) + mode * Math.log(p) + (n - mode) * Math.log(q),
  );
  const limit = halfWidthPp * n;
  const slack = limit * 1e-9;
  const cutoff = atMode * NEGLIGIBLE;
  const odds = p / q;
  let r = (100 * mode) % n;
  let sum = isWhole(mode, r, n, limit, slack, halfWidthPp) ? atMode : 0;
  let term = atMode;
  for (let k = mode + 1; k <= n; k++) {
    term *= ((n - k + 1) / k) * odds;
    if (term < cutoff) break;
    r += 100;
    while (r >= n) r -= n;
    const d = r < n - r ? r : n - r;
    if (d < limit - slack || (d <= limit + slack && isWholePercent(k, n, halfWidthPp))) sum += term;
  }
  term = atMode;
  r = (100 * mode) % n;
  for (let k = mode - 1; k >= 0; k--) {
    term *= (k + 1) / (n - k) / odds;
    if (term < cutoff) break;
    r -= 100;
    while (r < 0) r += n;
    const d = r < n - r ? r : n - r;
    if (d < limit - slack || (d <= limit + slack && isWholePercent(k, n, halfWidthPp))) sum += term;
  }
  return Math.min(1, sum);
}

/** Whether k of n is whole within h, given r = 100k mod n: integers decide, floats only at a tie. */
function isWhole(k: number, r: number, n: number, limit: number, slack: number, halfWidthPp: number): boolean {
  const d = Math.min(r, n - r);
  return d < limit - slack || (d <= limit + slack && isWholePercent(k, n, halfWidthPp));
}
