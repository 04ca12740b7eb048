export * from './database.js';
export * from './registry.table.js';
export * from './evidence.table.js';
export * from './create-db.js';
export * from './ensure-database.js';
export * from './mark-stations-dirty.js';
export * from './retry-on-conflict.js';
export * from './accounts.table.js';
