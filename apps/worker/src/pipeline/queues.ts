import { jobOptionsOfQueue, queueNames, type TQueueName } from '@crosstally/shared';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export type TQueues = Record<TQueueName, Queue>;

/**
 * The queues the relays add to, with each queue's job options. Producers fail fast while
 * Redis is away (the work waits in PostgreSQL's outbox until it is back), so they get a
 * connection of their own, not the workers' blocking one.
 */
export function openQueues(connection: Redis, prefix: string): TQueues {
  const open = (name: TQueueName) => {
    const options = jobOptionsOfQueue[name];
    const queue = new Queue(name, {
      prefix,
      connection: connection.duplicate(),
      defaultJobOptions: { ...options, backoff: { ...options.backoff } },
    });
    queue.on('error', () => undefined);
    return queue;
  };
  return {
    [queueNames.photos]: open(queueNames.photos),
    [queueNames.ballots]: open(queueNames.ballots),
    [queueNames.stations]: open(queueNames.stations),
    [queueNames.elections]: open(queueNames.elections),
    [queueNames.telegram]: open(queueNames.telegram),
  };
}

export async function closeQueues(queues: TQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close().catch(() => undefined)));
}
