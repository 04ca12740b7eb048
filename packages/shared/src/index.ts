export * from './db/index.js';
export * from './schemas/index.js';
export * from './storage/index.js';
export * from './domain/index.js';
export * from './domain/fixtures/index.js';
export * from './i18n/index.js';
export * from './util/with-timeout.js';
