import { randomUUID } from 'node:crypto';
import {
  enqueueJob,
  withTimeout,
  ZElectionJobProgress,
  type TElectionJobProgress,
  type TJobName,
} from '@crosstally/shared';
import type { Queue } from 'bullmq';
import { audited } from '../audit/audited.js';
import { AppError } from '../errors.js';
import { setReportPublished } from '../repositories/election.repository.js';
import { findOutboxJob } from '../repositories/outbox.repository.js';
import { findElectionOrFail } from './find-election.js';
import type { TElectionAdminDeps } from './election-imports.js';

/**
 * Asks the workers to recompute every station of an election and then its forensic signals
 * (after a policy change, or to check). Nothing runs in the asking process: the job is
 * written to the outbox with its audit entry, and its id is the caller's to follow.
 */
export async function recomputeElection(
  deps: TElectionAdminDeps,
  actor: string,
  code: string,
): Promise<{ election: string; jobId: string }> {
  const { election } = await findElectionOrFail(deps.registry, code);
  const jobId = await audited(
    deps.db,
    actor,
    'flags.recompute',
    (trx) => enqueueJob(trx, 'recompute-election', `${election.id}-${randomUUID()}`, { electionId: election.id }),
    (id) => ({ election: election.code, jobId: id }),
  );
  return { election: election.code, jobId };
}

export type TElectionJobState =
  | { state: 'pending' }
  | { state: 'waiting' | 'active' | 'delayed'; progress: TElectionJobProgress | null }
  | { state: 'completed'; outcome: unknown }
  | { state: 'failed'; reason: string; attempts: number }
  | { state: 'unknown' };

/** Jobs a person may follow by id: those that whole-election requests return. */
export const followableJobs = ['recompute-election', 'refresh-forensics'] as const satisfies readonly TJobName[];

/**
 * Where a whole-election job stands: still in the outbox (no worker has relayed it yet), in
 * the queue with its progress, done with its outcome, or failed with its reason. Null: no
 * such job was ever asked for.
 */
export async function followElectionJob(
  deps: { db: TElectionAdminDeps['db']; electionJobs: Queue },
  jobId: string,
): Promise<TElectionJobState | null> {
  const asked = await findOutboxJob(deps.db, jobId);
  if (!asked) return null;
  if (!asked.relayed_at) return { state: 'pending' };
  let job;
  let state;
  try {
    // The state first, then the job: a job read before it completed carries no outcome yet,
    // so reading them the other way round could say "completed" with nothing to show.
    state = await withTimeout(deps.electionJobs.getJobState(jobId), 2000, 'queue lookup');
    job = state === 'unknown' ? undefined : await withTimeout(deps.electionJobs.getJob(jobId), 2000, 'queue lookup');
  } catch {
    throw new AppError('unavailable', 'the job queue (Redis) does not answer; try again shortly');
  }
  // Gone from Redis (a restart without its data): the workers' sweeper puts it back.
  if (!job) return { state: 'unknown' };
  switch (state) {
    case 'completed':
      return { state, outcome: job.returnvalue as unknown };
    case 'failed':
      return { state, reason: job.failedReason, attempts: job.attemptsMade };
    case 'waiting':
    case 'active':
    case 'delayed': {
      const progress = ZElectionJobProgress.safeParse(job.progress);
      return { state, progress: progress.success ? progress.data : null };
    }
    default:
      // 'prioritized', 'waiting-children': waiting by another name.
      return state === 'unknown' ? { state } : { state: 'waiting', progress: null };
  }
}

/** Publishes the report to the public (no account needed), or withdraws it. */
export async function publishReport(deps: TElectionAdminDeps, actor: string, code: string, published: boolean) {
  const { election } = await findElectionOrFail(deps.registry, code);
  await audited(
    deps.db,
    actor,
    published ? 'report.publish' : 'report.withdraw',
    (trx) => setReportPublished(trx, election.id, published ? new Date() : null),
    () => ({ election: election.code }),
  );
  return { election: election.code, published };
}
