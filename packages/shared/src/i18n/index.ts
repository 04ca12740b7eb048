export * from './languages.js';
export * from './intake-messages.js';
export * from './translate.js';
