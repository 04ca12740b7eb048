export * from './load-election-form.js';
export * from './load-station-evidence.js';
export * from './write-flags.js';
export * from './recompute-stations.js';
export * from './write-forensic-flags.js';
