/**
 * Batches writes so that many requests share one commit. The next batch is sent as soon as
 * the previous one returns (no timer): under light load a write goes alone and at once, under
 * heavy load batches grow by themselves. Items with the same key never share a batch, so a
 * batch can be one upsert statement and the later item sees the earlier one's result.
 */
export class GroupCommitter<TItem, TResult> {
  private pending: { item: TItem; key: string; resolve: (r: TResult) => void; reject: (e: unknown) => void }[] = [];
  private running = false;

  constructor(
    private readonly write: (items: TItem[]) => Promise<TResult[]>,
    private readonly keyOf: (item: TItem) => string,
    private readonly maxBatch = 1000,
  ) {}

  submit(item: TItem): Promise<TResult> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, key: this.keyOf(item), resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.pending.length > 0) {
      const batch = this.takeBatch();
      try {
        const results = await this.write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.resolve(results[i]!));
      } catch (error) {
        batch.forEach((b) => b.reject(error));
      }
    }
    this.running = false;
  }

  private takeBatch(): typeof this.pending {
    const keys = new Set<string>();
    const batch: typeof this.pending = [];
    const rest: typeof this.pending = [];
    for (const entry of this.pending) {
      if (batch.length < this.maxBatch && !keys.has(entry.key)) {
        keys.add(entry.key);
        batch.push(entry);
      } else {
        rest.push(entry);
      }
    }
    this.pending = rest;
    return batch;
  }
}
