// The comparison engine's public surface: the contract, the entry point, and prepareForm for
// callers that want the per-form work done up front. Finding builders stay internal.
export * from './engine-types.js';
export * from './policy.js';
export { compareStation } from './compare-station.js';
export { prepareForm, type TPreparedForm } from './prepare-form.js';
export { SELF_REPORTS } from './crowd-exceeds-official.js';
export { TURNOUT_RELATION, TURNOUT_SUBJECT } from './arithmetic.js';
export type { TMissingEvidence } from './insufficient-evidence.js';
export { kindsWhoseReviewTheEngineReads } from './sybil-signal.js';
