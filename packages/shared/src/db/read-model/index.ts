// The evidence read model: the SQL form of the domain's rules, each written once and tested
// against its TypeScript twin (test/integration/read-model), so that what the report and the
// desk count is what the engine counts.
export * from './strongest-reading.js';
export * from './review-status.js';
export * from './latest-official.js';
export * from './region-subtree.js';
export * from './verified-self-report.js';
export * from './strength-rank.js';
export * from './gap-shown.js';
