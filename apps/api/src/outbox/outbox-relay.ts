import type { Queue } from 'bullmq';
import { sql } from 'kysely';
import type { TRelayDrain } from './relay-loop.js';
import { lockPendingOutbox, markRelayed } from '../repositories/outbox.repository.js';
import { withTimeout } from './with-timeout.js';

const batchSize = 500;

/**
 * Moves committed outbox rows into BullMQ. PostgreSQL is the record that work exists; the
 * queue is only how it reaches a worker. A row relayed twice is harmless: the job id makes
 * the second add a no-op.
 */
export function drainOutbox(queue: Queue): TRelayDrain {
  return (db) =>
    db.transaction().execute(async (trx) => {
      // Losing this mark in a crash only means relaying the rows again, which the job ids make
      // harmless: no need to wait for the disk, and intake's commits do not queue behind ours.
      await sql`set local synchronous_commit = off`.execute(trx);
      const rows = await lockPendingOutbox(trx, batchSize);
      if (rows.length === 0) return 0;
      await withTimeout(
        queue.addBulk(rows.map((r) => ({ name: r.topic, data: r.payload, opts: { jobId: r.job_id } }))),
        5000,
        'queue add',
      );
      await markRelayed(
        trx,
        rows.map((r) => r.id),
      );
      return rows.length;
    });
}
