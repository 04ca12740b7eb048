import type { Db, Database } from '@crosstally/shared';
import type { Transaction } from 'kysely';
import { appendAudit } from './audit-log.js';

/**
 * Runs a person's write in a transaction and appends what it did to the audit chain in the
 * same transaction: the change and its record commit together or not at all. `subjectOf`
 * returns null for a write that changed nothing (nothing to record).
 */
export function audited<T>(
  db: Db,
  actor: string,
  action: string,
  work: (trx: Transaction<Database>) => Promise<T>,
  subjectOf: (outcome: T) => unknown | null,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const outcome = await work(trx);
    const subject = subjectOf(outcome);
    if (subject !== null) await appendAudit(trx, { actor, action, subject });
    return outcome;
  });
}
