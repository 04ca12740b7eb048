export * from './protocol-layout.js';
export * from './sheet-registration.js';
