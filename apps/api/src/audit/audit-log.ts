import { createHash } from 'node:crypto';
import type { Database } from '@crosstally/shared';
import { sql, type Kysely, type Transaction } from 'kysely';
import { canonicalJson } from '../imports/election-import.js';

export const genesisHash = '0'.repeat(64);

export type TAuditEntry = { at: Date; actor: string; action: string; subject: unknown };

/** The hash of an entry chained to the one before it: change either and every later hash breaks. */
export function chainHash(prevHash: string, entry: TAuditEntry): string {
  return createHash('sha256')
    .update(`${prevHash}\n${entry.at.toISOString()}\n${entry.actor}\n${entry.action}\n${canonicalJson(entry.subject)}`)
    .digest('hex');
}

/**
 * Appends an entry in the caller's transaction, so it commits with the change it records.
 * A transaction-level advisory lock keeps the chain a line: two writers never both take the
 * same entry as their predecessor.
 */
export async function appendAudit(
  trx: Transaction<Database>,
  entry: Omit<TAuditEntry, 'at'>,
): Promise<{ id: string; hash: string }> {
  await sql`select pg_advisory_xact_lock(hashtext('crosstally.audit_log'))`.execute(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? genesisHash;
  // Milliseconds: what JavaScript dates hold, so the hash recomputes exactly.
  const full = { ...entry, at: new Date(Math.floor(Date.now())) };
  const hash = chainHash(prevHash, full);
  const row = await trx
    .insertInto('audit_log')
    .values({
      at: full.at,
      actor: full.actor,
      action: full.action,
      subject: JSON.stringify(full.subject),
      prev_hash: prevHash,
      hash,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, hash };
}

export type TChainCheck = {
  entries: number;
  head: { id: string; hash: string } | null;
  firstBroken: { id: string; why: string } | null;
};

/** Walks the chain from the start; reports the first entry whose link or hash is wrong. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<TChainCheck> {
  let prev = genesisHash;
  let entries = 0;
  let head: TChainCheck['head'] = null;
  let afterId = '0';
  for (;;) {
    const batch = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor', 'action', 'subject', 'prev_hash', 'hash'])
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (batch.length === 0) break;
    for (const row of batch) {
      if (row.prev_hash !== prev)
        return { entries, head, firstBroken: { id: row.id, why: 'does not follow the entry before it' } };
      const expected = chainHash(prev, {
        at: new Date(row.at),
        actor: row.actor,
        action: row.action,
        subject: row.subject,
      });
      if (expected !== row.hash)
        return { entries, head, firstBroken: { id: row.id, why: 'its content does not match its hash' } };
      prev = row.hash;
      entries += 1;
      head = { id: row.id, hash: row.hash };
      afterId = row.id;
    }
  }
  return { entries, head, firstBroken: null };
}

export async function auditHead(db: Kysely<Database>): Promise<{ id: string; hash: string } | null> {
  return (
    (await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst()) ?? null
  );
}
