import type { Db } from '@crosstally/shared';
import type { Queue } from 'bullmq';
import pg from 'pg';
import type { Logger } from 'pino';
import { lockPendingOutbox, markRelayed } from '../repositories/outbox.repository.js';
import { withTimeout } from './with-timeout.js';

const batchSize = 500;

/**
 * Moves committed outbox rows into BullMQ. PostgreSQL is the record that work exists; the
 * queue is only how it reaches a worker. While Redis is away, rows wait and are relayed once
 * it is back. A row relayed twice is harmless: the job id makes the second add a no-op.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(private readonly deps: { db: Db; queue: Queue; databaseUrl: string; pollMs: number; log: Logger }) {}

  async start(): Promise<void> {
    await this.listen();
    this.schedule(0);
  }

  /** Relays everything pending now; resolves when the outbox was empty or Redis failed. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.kick();
      }
    });
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  private async drain(): Promise<void> {
    try {
      for (;;) {
        const relayed = await this.deps.db.transaction().execute(async (trx) => {
          const rows = await lockPendingOutbox(trx, batchSize);
          if (rows.length === 0) return 0;
          await withTimeout(
            this.deps.queue.addBulk(rows.map((r) => ({ name: r.topic, data: r.payload, opts: { jobId: r.job_id } }))),
            5000,
            'queue add',
          );
          await markRelayed(
            trx,
            rows.map((r) => r.id),
          );
          return rows.length;
        });
        if (relayed === 0 || this.stopped) break;
      }
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      // Said once per outage, not on every retry.
      if (this.failures === 1) this.deps.log.warn({ err: error }, 'outbox relay paused: queue or database unavailable');
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(async () => {
      await this.kick();
      const backoff =
        this.failures > 0 ? Math.min(this.deps.pollMs * 2 ** Math.min(this.failures, 5), 30_000) : this.deps.pollMs;
      this.schedule(backoff);
    }, delayMs);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.deps.databaseUrl });
    client.on('error', () => {
      // The poll keeps working without notifications; reconnect on the next start.
      this.listener = undefined;
    });
    client.on('notification', () => void this.kick());
    await client.connect();
    await client.query('listen outbox');
    this.listener = client;
  }
}
