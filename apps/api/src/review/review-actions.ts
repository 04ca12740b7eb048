import { kindsWhoseReviewTheEngineReads, markStationsDirty, type Db, type TReviewDecision } from '@crosstally/shared';
import { audited } from '../audit/audited.js';
import { actorOf, type TPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { insertFlagNote, insertFlagReview, setFlagAssignee } from '../repositories/review.repository.js';
import { findUserByName } from '../repositories/user.repository.js';

/** A flag as a reviewer acts on it: found in their scope, with the evidence they decide on. */
export type TReviewedFlag = {
  id: string;
  evidence_sha256: string;
  election_id: number;
  station_id: number;
  kind: string;
};
export type TPerson = Extract<TPrincipal, { kind: 'user' }>;

/**
 * The analysts' writes, shared by the JSON review API and the desk pages. Each commits with
 * its entry in the audit chain, so a decision, a note or an assignment can never exist
 * without the record of who made it. A decision is kept as a new row tied to the evidence
 * it was made on: recomputing the flag never erases it, and new evidence reopens the flag.
 * A decision the engine reads (a sybil signal dismissed releases the station's crowd proof)
 * marks the station for recompute in the same commit.
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
      await insertFlagReview(trx, { flag, userId: person.id, decision, reason });
      if (kindsWhoseReviewTheEngineReads.includes(flag.kind)) {
        await markStationsDirty(trx, flag.election_id, [flag.station_id]);
      }
    },
    () => ({ flag: flag.id, decision, reason, evidence: flag.evidence_sha256 }),
  );
}

export function addFlagNote(db: Db, person: TPerson, flag: TReviewedFlag, text: string): Promise<void> {
  return audited(
    db,
    actorOf(person),
    'flag.note',
    (trx) => insertFlagNote(trx, flag.id, person.id, text),
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
    (trx) => setFlagAssignee(trx, flag.id, assignee?.id ?? null),
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
