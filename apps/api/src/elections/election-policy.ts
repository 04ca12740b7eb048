import { randomUUID } from 'node:crypto';
import {
  enqueueJob,
  resolvePolicy,
  storedPolicy,
  type DbOrTrx,
  type TPolicy,
  type TPolicyInput,
} from '@crosstally/shared';
import { audited } from '../audit/audited.js';
import { findStoredPolicy, setElectionPolicy } from '../repositories/election.repository.js';
import type { TElectionAdminDeps } from './election-imports.js';
import { findElectionOrFail } from './find-election.js';

/** The policy in force for an election (by id), whole: the stored input over the defaults. */
export async function policyInForce(db: DbOrTrx, electionId: number): Promise<TPolicy> {
  return storedPolicy(await findStoredPolicy(db, electionId));
}

/** The policy in force for an election, whole (the defaults filled in), with its id. */
export async function showElectionPolicy(deps: TElectionAdminDeps, code: string): Promise<TPolicy> {
  const { election } = await findElectionOrFail(deps.registry, code);
  return policyInForce(deps.db, election.id);
}

/**
 * Sets an election's policy (any part of it, over the defaults) and asks the workers to
 * recompute every station under it: the change, its audit entry and the recompute commit
 * together, so no finding is left standing under a policy no longer in force. An unchanged
 * policy changes nothing and asks for nothing.
 */
export async function changeElectionPolicy(
  deps: TElectionAdminDeps,
  actor: string,
  code: string,
  input: TPolicyInput,
): Promise<{ election: string; policy: TPolicy; jobId: string | null }> {
  const { election } = await findElectionOrFail(deps.registry, code);
  const policy = resolvePolicy(input);
  const jobId = await audited(
    deps.db,
    actor,
    'policy.change',
    async (trx) => {
      const before = await policyInForce(trx, election.id);
      if (before.id === policy.id) return null;
      await setElectionPolicy(trx, election.id, input);
      return enqueueJob(trx, 'recompute-election', `${election.id}-${randomUUID()}`, { electionId: election.id });
    },
    (id) => (id === null ? null : { election: election.code, policy, jobId: id }),
  );
  return { election: election.code, policy, jobId };
}
