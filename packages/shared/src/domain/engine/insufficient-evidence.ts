import type { TFinding, TPolicy, TStationEvidence } from './engine-types.js';
import type { TPreparedForm } from './prepare-form.js';

export const missingEvidenceKinds = ['official', 'readings', 'crowd', 'electorate'] as const;
export type TMissingEvidence = (typeof missingEvidenceKinds)[number];

/**
 * Says why a station without a finding has none: "nothing wrong found" and "nothing to
 * compare" must never look alike in a report. The caller asks only for what matters: the
 * official result, readings and crowd counts when the station has no decisive finding (a crowd
 * proof, a mismatch, an arithmetic break); the electorate (voters on the list) whenever the
 * registry does not know it, since the turnout check could then not be made. No finding when
 * nothing is missing.
 */
export function findInsufficientEvidence(absent: Record<TMissingEvidence, boolean>, policy: TPolicy): TFinding | null {
  const missing = missingEvidenceKinds.filter((k) => absent[k]);
  if (missing.length === 0) return null;
  return {
    kind: 'insufficient_evidence',
    strength: 'info',
    subject: '',
    minStolenVotes: null,
    evidence: { kind: 'insufficient_evidence', missing },
    policy: policy.id,
  };
}

/**
 * True when some source counted at least one voter for a candidate (or, for a partner, a
 * counted line) of the form. A row of zeros, or for a subject the form does not have, is no
 * crowd evidence for this protocol.
 */
export function hasCrowdCounts(form: TPreparedForm, evidence: TStationEvidence): boolean {
  for (const r of evidence.selfReports) {
    if (r.verified + r.unverified > 0 && form.candidateSlots.has(r.candidate)) return true;
  }
  for (const r of evidence.partners) {
    if (r.verified + r.unverified > 0 && form.crowdSlots.has(r.candidate)) return true;
  }
  return false;
}
