import type { Db, TReviewDecision } from '@crosstally/shared';
import { sql } from 'kysely';
import { audited } from '../audit/audited.js';
import { actorOf, type TPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { findUserByName } from '../repositories/user.repository.js';

/** A flag as a reviewer acts on it: found in their scope, with the evidence they decide on. */
export type TReviewedFlag = { id: string; evidence_sha256: string };
export type TPerson = Extract<TPrincipal, { kind: 'user' }>;

/**
 * The analysts' writes, shared by the JSON review API and the desk pages. Each commits with
 * its entry in the audit chain, so a decision, a note or an assignment can never exist
 * without the record of who made it. A decision is kept as a new row tied to the evidence
 * it was made on: recomputing the flag never erases it, and new evidence reopens the flag.
 */
export function decideOnFlag(
  db: Db,
  person: TPerson,
  flag: TReviewedFlag,
  decision: TReviewDecision,
  reason: string | null,
): Promise<void> {
  return audited(
    db,
    actorOf(person),
    'flag.decide',
    async (trx) => {
      await trx
        .insertInto('flag_review')
        .values({ flag_id: flag.id, user_id: person.id, decision, reason, evidence_sha256: flag.evidence_sha256 })
        .execute();
    },
    () => ({ flag: flag.id, decision, reason, evidence: flag.evidence_sha256 }),
  );
}

export function addFlagNote(db: Db, person: TPerson, flag: TReviewedFlag, text: string): Promise<void> {
  return audited(
    db,
    actorOf(person),
    'flag.note',
    async (trx) => {
      await trx.insertInto('flag_note').values({ flag_id: flag.id, user_id: person.id, text }).execute();
    },
    () => ({ flag: flag.id, text }),
  );
}

/** Gives the flag to someone, or to nobody (assignee null). */
export function assignFlag(
  db: Db,
  principal: TPrincipal,
  flag: TReviewedFlag,
  assignee: { id: number; username: string } | null,
): Promise<void> {
  return audited(
    db,
    actorOf(principal),
    'flag.assign',
    async (trx) => {
      await trx
        .updateTable('flag')
        .set({ assigned_to: assignee?.id ?? null, updated_at: sql`now()` })
        .where('id', '=', flag.id)
        .execute();
    },
    () => ({ flag: flag.id, to: assignee?.username ?? null }),
  );
}

/** Gives the flag to the person of that name (an unknown name is a 400 on field username), or to nobody. */
export async function assignFlagByName(
  db: Db,
  principal: TPrincipal,
  flag: TReviewedFlag,
  username: string | null,
): Promise<void> {
  const user = username ? await findUserByName(db, username) : null;
  if (username && !user) throw new AppError('bad_request', `no user ${username}`, { field: 'username' });
  await assignFlag(db, principal, flag, user ? { id: user.id, username: user.username } : null);
}
