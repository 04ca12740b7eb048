/**
 * The combined ratio estimator of a stratified cluster sample, with its Taylor-linearisation
 * variance (Cochran, Sampling Techniques, 3rd ed., §6.11; Lohr, Sampling, §4 and §9.1). Each
 * sampled station is a cluster: y is what it counted for the candidate (or the ballots it
 * issued), x the ballots it counted (or the voters on its list), and the estimate is
 *
 *     R̂ = Σ_h N_h ȳ_h / Σ_h N_h x̄_h
 *     V(R̂) ≈ (1 / X̂²) Σ_h N_h² (1 − n_h / N_h) s²_h / n_h,   s²_h the variance of y − R̂x in stratum h
 *
 * with N_h stations in stratum h and n_h sampled; 1 − n_h/N_h is the finite population
 * correction, which matters when the crowd reaches a large part of a small region.
 */
export type TStratumSample = { population: number; y: ArrayLike<number>; x: ArrayLike<number> };

export type TRatioEstimate = { ratio: number; se: number };

/** Every stratum needs at least 2 sampled stations (a variance of one is undefined) and some x. */
export function combinedRatio(strata: readonly TStratumSample[]): TRatioEstimate {
  let yTotal = 0;
  let xTotal = 0;
  for (const s of strata) {
    if (s.y.length < 2 || s.y.length !== s.x.length)
      throw new RangeError('combinedRatio: a stratum needs 2 or more stations');
    if (s.population < s.y.length) throw new RangeError('combinedRatio: more stations sampled than a stratum has');
    yTotal += (s.population * sum(s.y)) / s.y.length;
    xTotal += (s.population * sum(s.x)) / s.x.length;
  }
  if (!(xTotal > 0)) throw new RangeError('combinedRatio: the sample counted nothing to divide by');
  const ratio = yTotal / xTotal;
  let variance = 0;
  for (const s of strata) {
    const n = s.y.length;
    const d = Array.from({ length: n }, (_, i) => (s.y[i] as number) - ratio * (s.x[i] as number));
    const mean = sum(d) / n;
    const s2 = d.reduce((acc, v) => acc + (v - mean) ** 2, 0) / (n - 1);
    variance += (s.population ** 2 * (1 - n / s.population) * s2) / n;
  }
  return { ratio, se: Math.sqrt(variance) / xTotal };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}
