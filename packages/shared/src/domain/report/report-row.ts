import type { TFindingEvidence, TFindingKind, TLineValues, TStrength } from '../engine/engine-types.js';

/** One flagged station in the discrepancy report, before redaction. */
export type TReportFinding = {
  kind: TFindingKind;
  subject: string;
  strength: TStrength;
  minStolenVotes: number | null;
  evidence: TFindingEvidence;
  /** The analysts' review: open until decided; reopened when the evidence changed since. */
  review: 'open' | 'reopened' | 'confirmed' | 'dismissed' | 'needs_evidence';
};

export type TReportRow = {
  region: string;
  station: string;
  nameBe: string;
  nameRu: string;
  votersOnList: number | null;
  findings: TReportFinding[];
  officialVersion: number | null;
  official: TLineValues | null;
  photographed: TLineValues | null;
  /** Per candidate: verified and total self-reports at this station. */
  crowd: Record<string, { verified: number; total: number }>;
  photos: string[];
};

/** A count shown to the public: exact from the threshold up, "fewer than k" below it. */
export type TPublicCount = number | { fewerThan: number };

const strengthOrder: Record<TStrength, number> = { proof: 0, strong: 1, signal: 2, info: 3 };

export function strongestStrength(findings: { strength: TStrength }[]): TStrength {
  return findings.reduce<TStrength>(
    (best, f) => (strengthOrder[f.strength] < strengthOrder[best] ? f.strength : best),
    'info',
  );
}

export function publicCount(n: number, k: number): TPublicCount {
  return n >= k || n === 0 ? n : { fewerThan: k };
}

/** The counts of a crowd finding's evidence, each of which may single out a few voters. */
const crowdCounts = ['verified', 'unverified', 'crowd'] as const;

/**
 * Whether a finding may be published: a crowd finding only when each of its counts is 0 or
 * at least the publication threshold k, a sybil signal never. Hiding a count below k while the
 * finding stands is not enough: beside the official count and the strength, arithmetic gives
 * it back (official 3, proof, verified "fewer than 5": then verified is 4), and so does a total
 * shown beside a hidden part. So such a finding is withheld from publication whole; it still
 * stands for the analysts. Its SQL twin is `isGapShownOf` in the evidence read model.
 */
export function isGapShown(evidence: { kind: string } & Record<string, unknown>, k: number): boolean {
  // The sizes and times of a station's waves of reports, beside its per-candidate counts, give
  // back a count hidden below k (a total less the parts shown): that signal is the analysts'.
  if (evidence.kind === 'sybil_signal') return false;
  if (evidence.kind !== 'crowd_exceeds_official') return true;
  return crowdCounts.every((key) => {
    const n = evidence[key];
    return n === undefined || (typeof n === 'number' && (n === 0 || n >= k));
  });
}

/**
 * The row as the public may see it: crowd findings that rest on counts below k are left out
 * (isGapShown), and the per-candidate counts below k read "fewer than k". Null when nothing is
 * left to publish: a station listed for a withheld finding would tell that it exists.
 */
export function redactReportRow(row: TReportRow, k: number) {
  const crowd = Object.fromEntries(
    Object.entries(row.crowd).map(([candidate, c]) => [
      candidate,
      { verified: publicCount(c.verified, k), unverified: publicCount(c.total - c.verified, k) },
    ]),
  );
  const findings = row.findings.filter((f) => isGapShown(f.evidence, k));
  return findings.length === 0 ? null : { ...row, crowd, findings };
}

export type TPublicReportRow = NonNullable<ReturnType<typeof redactReportRow>>;
