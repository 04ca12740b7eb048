import type { TReviewDecision, TReviewStatus } from '../vocabulary.js';

const statusOf: Record<TReviewDecision, TReviewStatus> = {
  confirm: 'confirmed',
  dismiss: 'dismissed',
  needs_evidence: 'needs_evidence',
};

/**
 * A decision stands while the evidence it was made on stands; new evidence reopens the
 * finding. `latest` is the finding's most recent review. Its SQL twin is `reviewStatusOf`
 * in the evidence read model.
 */
export function reviewStatus(
  latest: { decision: TReviewDecision; evidence_sha256: string } | null,
  flagEvidenceSha256: string,
): TReviewStatus {
  if (!latest) return 'open';
  return latest.evidence_sha256 === flagEvidenceSha256 ? statusOf[latest.decision] : 'reopened';
}
