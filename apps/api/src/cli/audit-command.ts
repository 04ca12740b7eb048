import type { Db } from '@crosstally/shared';
import { verifyAuditChain } from '../audit/audit-log.js';
import { AppError } from '../errors.js';

/** Checks the whole audit chain; a broken link makes the command fail and names the entry. */
export async function runAudit(db: Db, args: string[]): Promise<string> {
  if (args[0] !== 'verify') throw new AppError('bad_request', 'usage: npm run cli -- audit verify');
  const check = await verifyAuditChain(db);
  if (check.firstBroken) {
    throw new AppError(
      'conflict',
      `the audit chain is broken at entry ${check.firstBroken.id}: ${check.firstBroken.why} (${check.entries} entries before it verify)`,
    );
  }
  return check.head
    ? `the audit chain verifies: ${check.entries} entries, head ${check.head.id}:${check.head.hash}`
    : 'the audit chain is empty';
}
