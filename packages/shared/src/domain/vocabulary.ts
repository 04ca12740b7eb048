// The words the findings and their reviews are told in, each list written once: the engine,
// the database types, the API's schemas, the report, the desk and their labels all take them
// from here (a copy of such a list already cost a bug: a filter that missed a kind).

/** proof: no honest count can produce it. strong: documented evidence of falsification.
 *  signal: worth a look, never an accusation. info: not a finding against the station. */
export const strengths = ['proof', 'strong', 'signal', 'info'] as const;
export type TStrength = (typeof strengths)[number];

/** The strengths a report and the desk show: info says what is missing, not what is wrong. */
export const reportedStrengths = ['proof', 'strong', 'signal'] as const satisfies readonly TStrength[];
export type TReportedStrength = (typeof reportedStrengths)[number];

/** Where analysts stand on a finding. */
export const reviewStatuses = ['open', 'reopened', 'confirmed', 'dismissed', 'needs_evidence'] as const;
export type TReviewStatus = (typeof reviewStatuses)[number];

/** What an analyst decides on a finding (the flag_review table stores these). */
export const reviewDecisions = ['confirm', 'dismiss', 'needs_evidence'] as const;
export type TReviewDecision = (typeof reviewDecisions)[number];

/** How a photo's numbers were read, strongest first: its QR, two people who agree, or OCR. */
export const readingMethods = ['qr', 'double_entry', 'ocr'] as const;
export type TReadingMethod = (typeof readingMethods)[number];

/** A reading method's strength, 0 the strongest: the order the engine and the read model keep. */
export function readingMethodRank(method: TReadingMethod): number {
  return readingMethods.indexOf(method);
}

/**
 * How a self-report's voter was identified. A channel that confirms who the voter is makes the
 * first two: a Telegram account's own contact (its phone, shared by its owner) and an
 * invitation code the organisers issued. The rest are claims nothing confirms: a phone number
 * typed into a form, a bot or code token that did not come from the bot or an issued code.
 * "unrecorded": reports stored before the kind was recorded.
 */
export const identityKinds = [
  'telegram_contact',
  'invitation_code',
  'typed_phone',
  'claimed_bot',
  'claimed_code',
  'unrecorded',
] as const;
export type TIdentityKind = (typeof identityKinds)[number];

/** The identity kinds a default policy verifies: those a channel confirmed. */
export const confirmedIdentityKinds = [
  'telegram_contact',
  'invitation_code',
] as const satisfies readonly TIdentityKind[];

export function isConfirmedIdentity(kind: TIdentityKind): boolean {
  return (confirmedIdentityKinds as readonly TIdentityKind[]).includes(kind);
}

/** The face a self-report came through. */
export const reportChannels = ['web', 'api', 'telegram', 'unrecorded'] as const;
export type TReportChannel = (typeof reportChannels)[number];

/**
 * What can be wrong with a ballot photo, as its checkers are asked. The first three make it no
 * evidence of a vote (a screen, a print, a spoilt ballot); a face or a hand only means it must
 * never be shown, and it still counts.
 */
export const ballotProblems = ['screenshot', 'printed', 'two_marks', 'face_or_hand'] as const;
export type TBallotProblem = (typeof ballotProblems)[number];
export const disqualifyingBallotProblems = [
  'screenshot',
  'printed',
  'two_marks',
] as const satisfies readonly TBallotProblem[];
