import { isDatabaseUnavailable } from '@crosstally/shared';

type TEntry<TItem, TResult> = {
  item: TItem;
  keys: string[];
  resolve: (r: TResult) => void;
  reject: (e: unknown) => void;
};

/**
 * Batches writes so that many requests share one commit. A batch is sent as soon as a slot is
 * free (no timer): under light load a write goes alone and at once, under heavy load batches
 * grow by themselves. Items that share a key (a voter, a photo) never share a batch, nor ride
 * in two batches at once, so a batch can be one upsert statement and the later item sees the
 * earlier one's result (and two batches can never wait on each other's rows).
 *
 * A batch that fails is written again in halves, down to single items, so that one item
 * (a row the database refuses, a conflict that outlasted its retries) fails alone and never
 * the thousand voters who shared its commit. An outage fails them all at once: halves would
 * only fail again.
 */
export class GroupCommitter<TItem, TResult> {
  private pending: TEntry<TItem, TResult>[] = [];
  private readonly inFlightKeys = new Set<string>();
  private inFlight = 0;

  constructor(
    private readonly write: (items: TItem[]) => Promise<TResult[]>,
    private readonly keysOf: (item: TItem) => string[],
    private readonly options: { maxBatch?: number; maxInFlight?: number } = {},
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, keys: this.keysOf(item), resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < (this.options.maxInFlight ?? 1) && this.pending.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      void this.send(batch);
    }
  }

  private async send(batch: TEntry<TItem, TResult>[]): Promise<void> {
    this.inFlight += 1;
    try {
      await this.writeOrSplit(batch);
    } finally {
      for (const b of batch) for (const key of b.keys) this.inFlightKeys.delete(key);
      this.inFlight -= 1;
      this.pump();
    }
  }

  private async writeOrSplit(batch: TEntry<TItem, TResult>[]): Promise<void> {
    try {
      const results = await this.write(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (error) {
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        batch.forEach((b) => b.reject(error));
        return;
      }
      const half = Math.ceil(batch.length / 2);
      await this.writeOrSplit(batch.slice(0, half));
      await this.writeOrSplit(batch.slice(half));
    }
  }

  private takeBatch(): TEntry<TItem, TResult>[] {
    const maxBatch = this.options.maxBatch ?? 1000;
    const keys = this.inFlightKeys;
    const batch: TEntry<TItem, TResult>[] = [];
    const rest: TEntry<TItem, TResult>[] = [];
    for (const entry of this.pending) {
      if (batch.length < maxBatch && !entry.keys.some((key) => keys.has(key))) {
        for (const key of entry.keys) keys.add(key);
        batch.push(entry);
      } else {
        rest.push(entry);
      }
    }
    this.pending = rest;
    return batch;
  }
}
