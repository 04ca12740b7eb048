export type TPoint = { x: number; y: number };

/** A 3×3 projective map, row-major, with the last entry fixed at 1. */
export type THomography = readonly [number, number, number, number, number, number, number, number, number];

/**
 * The projective map sending each `from` point onto its `to` point: four correspondences
 * fix its 8 unknowns exactly. A phone photo of a flat sheet is such a map (perspective
 * included), which a rotation + scale is not. Null when the points are degenerate (three on
 * a line), which no real sheet gives.
 */
export function solveHomography(from: readonly TPoint[], to: readonly TPoint[]): THomography | null {
  if (from.length !== 4 || to.length !== 4) return null;
  // u = (h0·x + h1·y + h2) / (h6·x + h7·y + 1), v likewise with h3..h5: two linear rows a point.
  const rows: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const { x, y } = from[i]!;
    const { x: u, y: v } = to[i]!;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const h = solveLinear(rows);
  if (!h) return null;
  return [h[0]!, h[1]!, h[2]!, h[3]!, h[4]!, h[5]!, h[6]!, h[7]!, 1];
}

export function applyHomography(h: THomography, p: TPoint): TPoint {
  const w = h[6] * p.x + h[7] * p.y + h[8];
  return { x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w };
}

/**
 * Gaussian elimination with partial pivoting on an n×(n+1) augmented matrix (modified in
 * place). Pivoting matters: the coefficients mix 1 with products of ~10⁶.
 */
function solveLinear(m: number[][]): number[] | null {
  const n = m.length;
  const scale = Math.max(...m.flat().map(Math.abs));
  for (let col = 0; col < n; col += 1) {
    let pivot = col;
    for (let r = col + 1; r < n; r += 1) {
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    }
    if (Math.abs(m[pivot]![col]!) < scale * 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const top = m[col]!;
    for (let r = 0; r < n; r += 1) {
      if (r === col) continue;
      const row = m[r]!;
      const f = row[col]! / top[col]!;
      if (f === 0) continue;
      for (let c = col; c <= n; c += 1) row[c]! -= f * top[c]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Nine numbers as a homography (a sheet registration as stored), or null if they are not nine. */
export function asHomography(values: readonly number[]): THomography | null {
  const [h0, h1, h2, h3, h4, h5, h6, h7, h8, ...rest] = values;
  if (h8 === undefined || rest.length > 0) return null;
  return [h0!, h1!, h2!, h3!, h4!, h5!, h6!, h7!, h8];
}
