/** Where analysts stand on a finding. */
export const reviewStatuses = ['open', 'reopened', 'confirmed', 'dismissed', 'needs_evidence'] as const;
export type TReviewStatus = (typeof reviewStatuses)[number];

/** What an analyst decides on a finding (the flag_review table stores these). */
export type TReviewDecision = 'confirm' | 'dismiss' | 'needs_evidence';

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
