import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export type Db = Kysely<Database>;

export function createPool(connectionString: string, options: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle client that loses its server (restart, network) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** A Kysely instance over `pool` (or a new pool): cursors and COPY use the pool directly. */
export function createDb(connectionString: string, options: { max?: number; pool?: pg.Pool } = {}): Db {
  const pool = options.pool ?? createPool(connectionString, options);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
