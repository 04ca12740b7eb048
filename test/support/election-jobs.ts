import type { FastifyInstance } from 'fastify';
import { waitUntil } from './processes.js';
import { adminHeaders, type TTestApi } from './test-api.js';

export type TRecomputeOutcome = {
  kind: 'recomputed';
  stations: number;
  written: number;
  cleared: number;
  signalled: number;
};

/** Follows a whole-election job through GET /v1/admin/jobs/:id until it ends; its outcome. */
export async function waitForJob(app: FastifyInstance, jobId: string, timeoutMs = 60_000): Promise<unknown> {
  let last: { state: string; outcome?: unknown; reason?: string } = { state: 'pending' };
  await waitUntil(
    async () => {
      const res = await app.inject({ method: 'GET', url: `/v1/admin/jobs/${jobId}`, headers: adminHeaders });
      last = res.json();
      return last.state === 'completed' || last.state === 'failed';
    },
    timeoutMs,
    50,
  );
  if (last.state === 'failed') throw new Error(`job ${jobId} failed: ${last.reason}`);
  return last.outcome;
}

/** POST /v1/admin/elections/:code/recompute, and the workers' outcome once it is done. */
export async function recomputeElection(app: FastifyInstance, code: string): Promise<TRecomputeOutcome> {
  const res = await app.inject({ method: 'POST', url: `/v1/admin/elections/${code}/recompute`, headers: adminHeaders });
  if (res.statusCode !== 202) throw new Error(`recompute: ${res.statusCode} ${res.body}`);
  return (await waitForJob(app, res.json().jobId)) as TRecomputeOutcome;
}

/**
 * Until the pipeline has nothing left: every outbox row relayed, every changed station
 * recomputed, no whole-election job waiting or running (an import's forensic refresh).
 */
export async function waitForPipeline(api: TTestApi, timeoutMs = 60_000): Promise<void> {
  const { db } = api.database;
  await waitUntil(
    async () => {
      const outbox = await db.selectFrom('outbox').select('id').where('relayed_at', 'is', null).limit(1).execute();
      const dirty = await db.selectFrom('station_dirty').select('station_id').limit(1).execute();
      const jobs = await api.deps.electionJobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      return outbox.length === 0 && dirty.length === 0 && Object.values(jobs).every((n) => n === 0);
    },
    timeoutMs,
    50,
  );
}
