import {
  deduplicationOf,
  queueOfJob,
  withTimeout,
  type TJobName,
  type TJobPayloads,
  type TQueueName,
} from '@crosstally/shared';
import type { TRelayDrain } from './relay-loop.js';
import type { TQueues } from './queues.js';
import {
  commitWithoutWaitingForDisk,
  lockPendingOutbox,
  markRelayed,
  type TOutboxRow,
} from '../repositories/outbox.repository.js';

const batchSize = 500;

/**
 * Moves committed outbox rows into BullMQ, each to its job's queue. PostgreSQL is the record
 * that work exists; the queue is only how it reaches a worker. Several relays (one per
 * worker process) take disjoint rows (FOR UPDATE SKIP LOCKED), and a row relayed twice is
 * harmless: the job id (or the deduplication id) makes the second add a no-op.
 */
export function drainOutbox(queues: TQueues): TRelayDrain {
  return (db) =>
    db.transaction().execute(async (trx) => {
      await commitWithoutWaitingForDisk(trx);
      const rows = await lockPendingOutbox(trx, batchSize);
      if (rows.length === 0) return 0;
      const byQueue = new Map<TQueueName, TOutboxRow[]>();
      for (const row of rows) {
        const name = queueOfJob[row.topic as TJobName];
        byQueue.set(name, [...(byQueue.get(name) ?? []), row]);
      }
      for (const [name, batch] of byQueue) {
        await withTimeout(queues[name].addBulk(batch.map(bulkJob)), 5000, 'queue add');
      }
      await markRelayed(
        trx,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
}

function bulkJob(row: TOutboxRow) {
  const name = row.topic as TJobName;
  const dedup = deduplicationOf(name, row.payload as TJobPayloads[TJobName]);
  return {
    name,
    data: row.payload,
    opts: dedup ? { jobId: row.job_id, deduplication: { id: dedup, keepLastIfActive: true } } : { jobId: row.job_id },
  };
}
