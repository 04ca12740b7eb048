import { withTimeout } from '@crosstally/shared';
import type { Queue } from 'bullmq';

/**
 * Whether a job that should have finished by now is lost to Redis (gone, unknown, or
 * completed without its work recorded) and must be added again under its id. A completed
 * job, and a failed one where `failedIsLost`, is removed first: an add with the id of a job
 * Redis still holds does nothing. Jobs waiting, delayed or active are not lost.
 */
export async function isLostJob(queue: Queue, jobId: string, options: { failedIsLost: boolean }): Promise<boolean> {
  const job = await withTimeout(queue.getJob(jobId), 5000, 'queue lookup');
  const state = job ? await job.getState() : 'missing';
  const lost =
    state === 'missing' || state === 'unknown' || state === 'completed' || (state === 'failed' && options.failedIsLost);
  if (lost && job && (state === 'completed' || state === 'failed')) await job.remove().catch(() => undefined);
  return lost;
}
