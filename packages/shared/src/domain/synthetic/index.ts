// The synthetic election generator's public surface. Not re-exported from domain/index.ts
// yet (that file belongs to another change); import from here. The PRNG and distributions
// are exported for tests and the bench that want their own seeded draws.
export * from './synthetic-types.js';
export { generateElection } from './generate-election.js';
export { assertValidOptions, defaultParticipation, defaultSyntheticOptions } from './synthetic-options.js';
export { groundTruth, latestOfficial, summarizeElection } from './ground-truth.js';
export { countSelfReports } from './crowd-count.js';
export { applyFalsifications } from './falsify.js';
export {
  buildSyntheticDefinition,
  candidateKeys,
  MAX_CANDIDATES,
  MIN_CANDIDATES,
  votesLine,
} from './synthetic-form.js';
export { Rng } from './prng.js';
export { binomial, gamma, beta, normal } from './distributions.js';
