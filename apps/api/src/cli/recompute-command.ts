import type { Queue } from 'bullmq';
import { AppError } from '../errors.js';
import type { TElectionAdminDeps } from '../elections/election-imports.js';
import { followElectionJob, recomputeElection, type TElectionJobState } from '../elections/election-jobs.js';
import { cliActor } from './cli-actor.js';
import { createProgressBar } from './progress-bar.js';

export const recomputeUsage = 'npm run cli -- recompute <election code> [--no-wait]';

const pollMs = 500;
const hintAfterMs = 10_000;

/**
 * Asks the workers to recompute every station of an election (e.g. after the policy changed)
 * and follows the job with a progress bar until it is done; with --no-wait, prints the job id
 * to follow (GET /v1/admin/jobs/<id>) and returns at once.
 */
export async function runRecompute(
  deps: TElectionAdminDeps & { electionJobs: () => Queue },
  args: string[],
): Promise<string> {
  const [code, ...flags] = args;
  if (!code || code.startsWith('--')) throw new AppError('bad_request', `missing the election code: ${recomputeUsage}`);
  const asked = await recomputeElection(deps, cliActor, code);
  if (flags.includes('--no-wait')) return `recompute of ${asked.election} asked for: job ${asked.jobId}`;
  return followJobToEnd(deps, asked.jobId);
}

/** Follows a whole-election job with a progress bar until it ends; what it did, in a line. */
export async function followJobToEnd(
  deps: Pick<TElectionAdminDeps, 'db'> & { electionJobs: () => Queue },
  jobId: string,
): Promise<string> {
  const started = Date.now();
  let bar: ReturnType<typeof createProgressBar> | undefined;
  let hinted = false;
  for (;;) {
    const now = await followElectionJob({ db: deps.db, electionJobs: deps.electionJobs() }, jobId);
    const done = finished(now, jobId);
    if (done !== null) {
      bar?.finish();
      return done;
    }
    if (now?.state === 'active' && now.progress) {
      bar ??= createProgressBar('recomputing stations', now.progress.total);
      bar.update(now.progress.done);
    } else if (!hinted && Date.now() - started > hintAfterMs) {
      hinted = true;
      process.stderr.write(`waiting for a worker to take job ${jobId} (is the worker running?)\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

function finished(state: TElectionJobState | null, jobId: string): string | null {
  if (state?.state === 'completed') {
    const o = state.outcome as
      { kind: 'gone' } | { kind: 'recomputed'; stations: number; written: number; cleared: number; signalled: number };
    if (o.kind === 'gone') return 'the election is gone: nothing was recomputed';
    return (
      `recomputed ${o.stations} stations: ${o.written} flags written, ${o.cleared} cleared; ` +
      `${o.signalled} stations with forensic signals`
    );
  }
  if (state?.state === 'failed')
    throw new Error(`job ${jobId} failed after ${state.attempts} attempts: ${state.reason}`);
  return null;
}
