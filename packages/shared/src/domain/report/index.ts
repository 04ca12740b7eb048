export * from './report-row.js';
export * from './method.js';
export * from './review-status.js';
export * from './region-subtree.js';
