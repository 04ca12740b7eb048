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
  votersOnList: number;
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

/**
 * Whether a finding's numbers are shown to the public as they are: a crowd count under the
 * publication threshold k is hidden ("fewer than k"), and so is the gap it makes. Its SQL
 * twin is `isGapShownOf` in the evidence read model.
 */
export function isGapShown(evidence: { kind: string; crowd?: unknown }, k: number): boolean {
  return evidence.kind !== 'crowd_exceeds_official' || typeof evidence.crowd !== 'number' || evidence.crowd >= k;
}

/**
 * The row as the public may see it. Self-report counts below k become "fewer than k" —
 * also inside the evidence, and the gap too, since official + gap would give the count back.
 * The finding itself, its kind and strength, still stands.
 */
export function redactReportRow(row: TReportRow, k: number) {
  const crowd = Object.fromEntries(
    Object.entries(row.crowd).map(([candidate, c]) => [
      candidate,
      { verified: publicCount(c.verified, k), unverified: publicCount(c.total - c.verified, k) },
    ]),
  );
  const findings = row.findings.map((f) => {
    if (f.evidence.kind !== 'crowd_exceeds_official') return f;
    const e = f.evidence;
    if (isGapShown(e, k)) return f;
    return {
      ...f,
      minStolenVotes: f.minStolenVotes === null ? null : { fewerThan: k },
      evidence: {
        ...e,
        verified: publicCount(e.verified, k),
        unverified: publicCount(e.unverified, k),
        crowd: { fewerThan: k },
        gap: { fewerThan: k },
      },
    };
  });
  return { ...row, crowd, findings };
}

export type TPublicReportRow = ReturnType<typeof redactReportRow>;
