import { isDatabaseUnavailable, type Db } from '@crosstally/shared';
import pg from 'pg';
import type { Logger } from 'pino';

export type TRelayDrain = (db: Db) => Promise<number>;

/**
 * Runs `drain` whenever PostgreSQL notifies `channel` and every `pollMs` besides, one pass at
 * a time, until a pass moves nothing. Passes start at most every `minIntervalMs`: changes
 * that arrive in between are taken together (that is how bursts coalesce). While the queue
 * or the database is away, passes back off and the work waits in PostgreSQL.
 */
export class RelayLoop {
  private timer: NodeJS.Timeout | undefined;
  private listener: pg.Client | undefined;
  private relistenTimer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private failures = 0;
  private lastStart = 0;

  constructor(
    private readonly options: {
      name: string;
      db: Db;
      databaseUrl: string;
      channel: string;
      pollMs: number;
      minIntervalMs: number;
      drain: TRelayDrain;
      log: Logger;
    },
  ) {}

  async start(): Promise<void> {
    // A database going away while the worker starts (seen in the outage test on a busy
    // machine: the worker exited) is one more outage to ride out: poll, and listen later.
    await this.listen().catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
      this.options.log.warn({ relay: this.options.name, err: error }, 'relay starts on polling: database unavailable');
      this.relistenIn(1000);
    });
    this.schedule(0);
  }

  /** Runs a pass now (or right after the current one); resolves when that pass is over. */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.pass().finally(() => {
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
    clearTimeout(this.relistenTimer);
    await this.running;
    await this.listener?.end().catch(() => undefined);
  }

  private async pass(): Promise<void> {
    const wait = this.lastStart + this.options.minIntervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    this.lastStart = Date.now();
    try {
      while (!this.stopped && (await this.options.drain(this.options.db)) > 0) {
        // keep going until nothing is left
      }
      this.failures = 0;
    } catch (error) {
      this.failures += 1;
      // Said once per outage, not on every retry.
      if (this.failures === 1)
        this.options.log.warn({ err: error, relay: this.options.name }, 'relay paused: queue or database unavailable');
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // kick() never rejects: a pass's failure is counted and logged inside it.
      void this.kick().then(() => {
        const { pollMs } = this.options;
        this.schedule(this.failures > 0 ? Math.min(pollMs * 2 ** Math.min(this.failures, 5), 30_000) : pollMs);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl });
    // Without notifications the poll still finds the work, only later; the next poll listens again.
    client.on('error', () => {
      void client.end().catch(() => undefined);
      if (this.listener !== client) return;
      this.listener = undefined;
      this.relistenIn(1000);
    });
    client.on('notification', () => void this.kick());
    try {
      await client.connect();
      await client.query(`listen ${this.options.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.listener = client;
  }

  /**
   * After the database came back (a restart drops every connection) the relay listens again,
   * trying every second and then less often, and takes one pass for the notifications it
   * missed meanwhile: between restarts, a relay on polling alone made an upload wait for its
   * reading up to 30 s.
   */
  private relistenIn(delayMs: number): void {
    if (this.stopped || this.relistenTimer) return;
    this.relistenTimer = setTimeout(() => {
      this.relistenTimer = undefined;
      this.listen().then(
        () => {
          this.options.log.info({ relay: this.options.name }, 'relay listening again');
          void this.kick();
        },
        () => this.relistenIn(Math.min(delayMs * 2, 30_000)),
      );
    }, delayMs);
    this.relistenTimer.unref();
  }
}
