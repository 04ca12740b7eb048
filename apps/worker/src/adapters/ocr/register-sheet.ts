import { centreOf, type TProtocolLayout } from '@crosstally/shared';
import { findMarkCandidates, type TMarkCandidate } from './find-fiducials.js';
import type { TGreyImage } from './grey-image.js';
import { applyHomography, solveHomography, type THomography, type TPoint } from './homography.js';

export type TRegistration = {
  /** Layout units → image pixels (pixel centres at integer coordinates). */
  homography: THomography;
  /** The four mark centres found, in layout order (TL, TR, BL, BR). */
  fiducials: TPoint[];
};

type TChoice = TRegistration & { score: number };

/**
 * Finds the sheet's four corner marks and maps the layout onto the photo through their
 * centres. Of all the candidate marks, every set of four is tried, and the set kept is the
 * one whose homography best predicts the size of each of its marks. Null when no set passes
 * the checks — the photo then goes to people: a sheet registered wrong would crop the wrong
 * boxes and could read a confident wrong number.
 */
export function registerSheet(image: TGreyImage, layout: TProtocolLayout): TRegistration | null {
  const candidates = findMarkCandidates(image);
  const targets = layout.fiducials.map(centreOf);
  let best: TChoice | null = null;
  const n = candidates.length;
  for (let a = 0; a < n; a += 1) {
    for (let b = a + 1; b < n; b += 1) {
      for (let c = b + 1; c < n; c += 1) {
        for (let d = c + 1; d < n; d += 1) {
          const choice = tryFour([candidates[a]!, candidates[b]!, candidates[c]!, candidates[d]!], targets, layout);
          if (choice && (!best || choice.score < best.score)) best = choice;
        }
      }
    }
  }
  return best && { homography: best.homography, fiducials: best.fiducials };
}

/**
 * Orders four marks as TL, TR, BL, BR (the working image is upright: turned by well under
 * 45°, TL has the smallest x + y, BR the largest, TR the largest x − y, BL the smallest) and
 * scores the fit; null when the four cannot be the sheet's marks.
 */
function tryFour(four: TMarkCandidate[], targets: TPoint[], layout: TProtocolLayout): TChoice | null {
  const by = (f: (m: TMarkCandidate) => number) => four.reduce((p, q) => (f(q) < f(p) ? q : p));
  const ordered = [by((m) => m.cx + m.cy), by((m) => m.cy - m.cx), by((m) => m.cx - m.cy), by((m) => -m.cx - m.cy)];
  if (new Set(ordered).size !== 4) return null;
  const centres = ordered.map((m) => ({ x: m.cx, y: m.cy }));
  const homography = solveHomography(targets, centres);
  if (!homography) return null;
  let score = 0;
  for (let i = 0; i < 4; i += 1) {
    // Each mark's area against the area its square maps to: a stray square elsewhere (a QR
    // module, another page's mark) has the wrong size for where it sits.
    const ratio = ordered[i]!.area / mappedArea(homography, layout.fiducials[i]!);
    if (!(ratio > 0.6 && ratio < 1.6)) return null;
    score += Math.abs(Math.log(ratio));
  }
  const [tl, tr, bl, br] = centres as [TPoint, TPoint, TPoint, TPoint];
  const top = Math.hypot(tr.x - tl.x, tr.y - tl.y);
  const bottom = Math.hypot(br.x - bl.x, br.y - bl.y);
  const left = Math.hypot(bl.x - tl.x, bl.y - tl.y);
  const right = Math.hypot(br.x - tr.x, br.y - tr.y);
  const expected = (targets[3]!.y - targets[0]!.y) / (targets[3]!.x - targets[0]!.x);
  const aspect = (left + right) / (top + bottom);
  // A tilted phone shrinks the far edge; beyond these the four are not one flat sheet.
  if (Math.min(top, bottom) / Math.max(top, bottom) < 0.7 || Math.min(left, right) / Math.max(left, right) < 0.7) {
    return null;
  }
  if (Math.abs(Math.log(aspect / expected)) > 0.25) return null;
  return { homography, fiducials: centres, score: score + Math.abs(Math.log(aspect / expected)) };
}

function mappedArea(h: THomography, box: { x: number; y: number; width: number; height: number }): number {
  const quad = [
    { x: box.x, y: box.y },
    { x: box.x + box.width, y: box.y },
    { x: box.x + box.width, y: box.y + box.height },
    { x: box.x, y: box.y + box.height },
  ].map((p) => applyHomography(h, p));
  // Shoelace formula.
  let sum = 0;
  for (let i = 0; i < 4; i += 1) sum += quad[i]!.x * quad[(i + 1) % 4]!.y - quad[(i + 1) % 4]!.x * quad[i]!.y;
  return Math.abs(sum) / 2;
}
