/**
 * The few special functions the forensic tests and the PVT estimate need. Written out here
 * rather than taken from a statistics library: the domain has no dependencies, and each is a
 * short, well-known series whose accuracy (about 1e-14 relative, 1e-7 for the normal tail)
 * is far beyond what a p-value printed to three digits can show.
 */

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: about 15 significant digits). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0] as number;
  const t = z + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += (LANCZOS[i] as number) / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(Z > z) for a standard normal Z, accurate in relative terms far into the tail (down to
 * the smallest double), which the outlier score needs: it takes the logarithm of it.
 * Chebyshev fit of erfc (Numerical Recipes' erfcc), fractional error below 1.2e-7.
 */
export function normalUpperTail(z: number): number {
  const x = z / Math.SQRT2;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const poly =
    -ax * ax -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const erfcAbs = t * Math.exp(poly);
  return x >= 0 ? erfcAbs / 2 : 1 - erfcAbs / 2;
}

export function normalCdf(z: number): number {
  return 1 - normalUpperTail(z);
}

/** The two-sided normal quantiles of the intervals the PVT estimate reports. */
export const Z_95 = 1.959963984540054;
export const Z_99 = 2.5758293035489004;

/**
 * P(X ≥ x) for X ~ chi-square with `df` degrees of freedom: the regularized upper incomplete
 * gamma Q(df/2, x/2), by its series below a + 1 and its continued fraction (modified Lentz)
 * above, as in Numerical Recipes §6.2.
 */
export function chiSquareUpperTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  const a = df / 2;
  const y = x / 2;
  const lnPrefix = a * Math.log(y) - y - lnGamma(a);
  if (y < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= y / (a + n);
      sum += term;
    }
    return Math.max(0, 1 - sum * Math.exp(lnPrefix));
  }
  const tiny = 1e-300;
  let b = y + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(lnPrefix) * h;
}
