// The public surface of the pure domain layer. Helpers used only inside it (the relation
// tokenizer, QR field escaping) stay unexported so they can change freely.
export * from './result.js';
export * from './vocabulary.js';
export * from './parse-count.js';
export * from './relation.js';
export * from './relation-check.js';
export * from './election-definition.js';
export * from './form-template.js';
export * from './crc32.js';
export * from './protocol-qr.js';
export * from './venezuela-2024-qr.js';
export * from './protocol-payload.js';
export * from './protocol-qr-svg.js';
export * from './engine/index.js';
export * from './report/index.js';
export * from './synthetic/index.js';
export * from './protocol-layout/index.js';
export * from './double-entry.js';
export * from './ballot-check.js';
export * from './search-skeleton.js';
export * from './forensics/index.js';
export * from './estimate/index.js';
