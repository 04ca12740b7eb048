export * from './protocol-layout.js';
