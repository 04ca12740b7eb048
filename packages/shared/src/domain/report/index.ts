export * from './report-row.js';
export * from './method.js';
