import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './database.js';

export type Db = Kysely<Database>;
/** What a repository function takes first: the database, or the caller's transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;

export function createPool(
  connectionString: string,
  options: { max?: number; connectionTimeoutMillis?: number } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 0,
  });
  // An idle client that loses its server (restart, network) must not crash the process.
  pool.on('error', () => undefined);
  return pool;
}

/** A Kysely instance over `pool` (or a new pool): cursors and COPY use the pool directly. */
export function createDb(connectionString: string, options: { max?: number; pool?: pg.Pool } = {}): Db {
  const pool = options.pool ?? createPool(connectionString, options);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
