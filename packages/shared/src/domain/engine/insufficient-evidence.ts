import type { TFinding, TPolicy, TStationEvidence } from './engine-types.js';
import type { TPreparedForm } from './prepare-form.js';

export type TMissingEvidence = 'official' | 'readings' | 'crowd';

/**
 * Says why a station without a finding has none: "nothing wrong found" and "nothing to
 * compare" must never look alike in a report. Only when the station has no decisive finding
 * (a crowd proof, a mismatch, an arithmetic break); and no finding when nothing is missing.
 */
export function findInsufficientEvidence(
  missingOfficial: boolean,
  missingReadings: boolean,
  missingCrowd: boolean,
  policy: TPolicy,
): TFinding | null {
  if (!missingOfficial && !missingReadings && !missingCrowd) return null;
  const missing: TMissingEvidence[] = [];
  if (missingOfficial) missing.push('official');
  if (missingReadings) missing.push('readings');
  if (missingCrowd) missing.push('crowd');
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
 * True when some source counted at least one voter for a candidate of the form. A row of
 * zeros, or for a candidate the form does not have, is no crowd evidence for this protocol.
 */
export function hasCrowdCounts(form: TPreparedForm, evidence: TStationEvidence): boolean {
  for (const r of evidence.selfReports) {
    if (r.verified + r.unverified > 0 && form.candidateSlots.has(r.candidate)) return true;
  }
  for (const r of evidence.partners) {
    if (r.verified + r.unverified > 0 && form.candidateSlots.has(r.candidate)) return true;
  }
  return false;
}
