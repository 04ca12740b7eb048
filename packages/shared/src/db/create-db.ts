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
  // A client that loses its server (a restart, a failover, pg_terminate_backend) emits
  // 'error': the pool listens while the client is idle, nobody while it is checked out in a
  // query or transaction, and an 'error' nobody listens to ends the process. The query itself
  // fails with the same error and its caller answers for it; the pool drops the dead client
  // and makes a new one on the next connect.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** A Kysely instance over `pool` (or a new pool): cursors and COPY use the pool directly. */
export function createDb(connectionString: string, options: { max?: number; pool?: pg.Pool } = {}): Db {
  const pool = options.pool ?? createPool(connectionString, options);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Whether an error means the database cannot be reached now (stopped, restarting, the
 * connection cut), as against a fault in the query: such a request is to be tried again
 * shortly, not reported as broken.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // Class 08: connection exceptions; 57P01–57P03: admin shutdown, crash shutdown, cannot connect now.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
  }
  return (
    isPoolWaitTimeout(error) ||
    /Connection terminated|connection timeout|Client has encountered a connection error/i.test(error.message)
  );
}

/** Every connection of a pool was busy for longer than its wait (pg-pool's connectionTimeoutMillis). */
export function isPoolWaitTimeout(error: unknown): boolean {
  return error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message);
}
