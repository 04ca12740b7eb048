/**
 * Fixed-window counters held in memory only: a network address or a voter's pseudonym is
 * never written anywhere to enforce a limit. Windows that ended are dropped as they are met,
 * so memory follows the number of active senders, not their history.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one event for `key`; false when the key has used up its window. */
  take(key: string, now = Date.now()): boolean {
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 200_000) this.prune(now);
      return true;
    }
    if (current.count >= this.limit) return false;
    current.count += 1;
    return true;
  }

  private prune(now: number): void {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}

/** A quota that never resets while the process runs (e.g. photos per voter per election). */
export class Quota {
  private readonly used = new Map<string, number>();

  constructor(private readonly limit: number) {}

  take(key: string): boolean {
    const n = this.used.get(key) ?? 0;
    if (n >= this.limit) return false;
    this.used.set(key, n + 1);
    return true;
  }
}

const loopback = /^(127\.|::1$|::ffff:127\.)/;

/**
 * Behind Tor or a reverse proxy every request comes from a loopback address, and a limit per
 * address would lump all participants together; such requests are exempt unless configured.
 */
export function isLoopback(address: string): boolean {
  return loopback.test(address);
}
