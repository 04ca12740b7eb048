import type { TFinding, TPolicy, TStationEvidence } from './engine-types.js';
import type { TOfficialFacts } from './official.js';
import type { TPreparedForm } from './prepare-form.js';

/** The name under which the platform's own self-reports appear as a source. */
export const SELF_REPORTS = 'self_reports';

/**
 * The Golos method: more distinct verified voters for C than the official count for C is
 * proof that C's count was understated — and the same for every counted line a source gives
 * that is no candidate's (against all, invalid). Each row (self-reports or one partner's)
 * stands alone: two sources may count the same voter, so their counts are never added, and a
 * row repeated within a source is taken once (the larger), never summed. Per subject the
 * engine keeps the best row by verified count among sources that may prove (our own reports,
 * trusted partners), the best among all sources, and the best by verified + unverified, in one
 * pass. The strongest finding wins: a trusted source that proves beats a larger untrusted one.
 * While `held` (a sybil signal at the station waits for an analyst), what would be proof is
 * strong and states no theft. Pushes findings in subject order (form.crowdSubjects is sorted);
 * returns whether any of them is a proof.
 */
export function findCrowdExceedsOfficial(
  form: TPreparedForm,
  evidence: TStationEvidence,
  official: TOfficialFacts,
  policy: TPolicy,
  held: boolean,
  out: TFinding[],
): boolean {
  const subjects = form.crowdSubjects;
  const n = subjects.length;
  const bestTrusted = new Array<TRow | undefined>(n).fill(undefined);
  const best = new Array<TRow | undefined>(n).fill(undefined);
  const bestTotal = new Array<TRow | undefined>(n).fill(undefined);
  const slots = { bestTrusted, best, bestTotal };
  // A trusted partner's counts did not arrive here: only our own reports wait for the analyst.
  for (const r of evidence.selfReports) consider(form, slots, SELF_REPORTS, true, !held, r);
  for (const r of evidence.partners) {
    consider(form, slots, r.source, false, policy.trustedPartners.includes(r.source), r);
  }

  // A gap of 0 or less is never evidence, whatever the policy says.
  const minGap = Math.max(1, policy.minGap);
  let proof = false;
  for (let slot = 0; slot < n; slot++) {
    const p = bestTrusted[slot];
    const v = best[slot];
    const t = bestTotal[slot];
    const { subject: candidate, lineIndex } = subjects[slot]!;
    const officialCount = official.latestLines[lineIndex];
    if (v === undefined || t === undefined || officialCount === undefined) continue;
    if (p !== undefined && p.verified - officialCount >= minGap) {
      proof = true;
      out.push(finding(candidate, 'proof', p, p.verified, officialCount, official, policy));
    } else if (v.verified - officialCount >= minGap) {
      const strong = finding(candidate, 'strong', v, v.verified, officialCount, official, policy);
      // Our own verified voters are strong only while held: say so, and state no theft yet.
      out.push(v.self ? heldFinding(strong) : strong);
    } else if (t.verified + t.unverified - officialCount >= minGap) {
      out.push(finding(candidate, 'signal', t, t.verified + t.unverified, officialCount, official, policy));
    }
  }
  return proof;
}

type TRow = { source: string; self: boolean; verified: number; unverified: number };
type TCountRow = { candidate: string; verified: number; unverified: number };

/** A count that is not a finite non-negative number counts as none: it cannot accuse. */
function countOf(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

type TSlots = { bestTrusted: (TRow | undefined)[]; best: (TRow | undefined)[]; bestTotal: (TRow | undefined)[] };

function consider(
  form: TPreparedForm,
  slots: TSlots,
  source: string,
  self: boolean,
  trusted: boolean,
  r: TCountRow,
): void {
  const { bestTrusted, best, bestTotal } = slots;
  const slot = form.crowdSlots.get(r.candidate);
  // A subject without a line on the form has no official count to compare with.
  if (slot === undefined) return;
  const row: TRow = { source, self, verified: countOf(r.verified), unverified: countOf(r.unverified) };
  const v = best[slot];
  if (v === undefined || beatsOnVerified(row, v)) best[slot] = row;
  const p = bestTrusted[slot];
  if (trusted && (p === undefined || beatsOnVerified(row, p))) bestTrusted[slot] = row;
  const t = bestTotal[slot];
  if (t === undefined || beatsOnTotal(row, t)) bestTotal[slot] = row;
}

/** Larger verified; tie: self-reports, then source name; same source: larger unverified. */
function beatsOnVerified(a: TRow, b: TRow): boolean {
  if (a.verified !== b.verified) return a.verified > b.verified;
  const bySource = compareSources(a, b);
  return bySource !== 0 ? bySource < 0 : a.unverified > b.unverified;
}

/** Larger verified + unverified; tie: self-reports, then source name; same source: larger verified. */
function beatsOnTotal(a: TRow, b: TRow): boolean {
  const ta = a.verified + a.unverified;
  const tb = b.verified + b.unverified;
  if (ta !== tb) return ta > tb;
  const bySource = compareSources(a, b);
  return bySource !== 0 ? bySource < 0 : a.verified > b.verified;
}

function compareSources(a: TRow, b: TRow): number {
  if (a.self !== b.self) return a.self ? -1 : 1;
  return a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

function heldFinding(f: TFinding): TFinding {
  if (f.evidence.kind !== 'crowd_exceeds_official') return f;
  return { ...f, minStolenVotes: null, evidence: { ...f.evidence, heldForReview: true } };
}

function finding(
  candidate: string,
  strength: 'proof' | 'strong' | 'signal',
  row: TRow,
  crowd: number,
  officialCount: number,
  official: TOfficialFacts,
  policy: TPolicy,
): TFinding {
  const gap = crowd - officialCount;
  return {
    kind: 'crowd_exceeds_official',
    strength,
    subject: candidate,
    // Only verified voters give a number one can stand behind: a signal states no theft.
    minStolenVotes: strength === 'signal' ? null : gap,
    evidence: {
      kind: 'crowd_exceeds_official',
      candidate,
      officialVersion: official.latest.version,
      official: officialCount,
      source: row.source,
      verified: row.verified,
      unverified: row.unverified,
      crowd,
      gap,
    },
    policy: policy.id,
  };
}
