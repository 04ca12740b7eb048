export * from './evidence-store.js';
export * from './secret-file.js';
