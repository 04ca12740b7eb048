export * from './config.schema.js';
export * from './jobs.schema.js';
export * from './api.schema.js';
