/**
 * Remembers an expensive figure (the forensic summary of 100,000 stations takes seconds)
 * while what it was computed from stands: keyed by what the caller says it depends on, and
 * for at most `ttlMs`. Concurrent askers share one computation. A failure is not kept.
 */
export class FiguresCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 64,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = compute();
    this.entries.set(key, { at: Date.now(), value });
    value.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
