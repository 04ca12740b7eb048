/** One key's failures: how many, how many are being checked right now, and until when it waits. */
type TEntry = { count: number; pending: number; waitUntil: number };

/** A login attempt that holds its place: it ends as a failure, a success, or unchecked, exactly once. */
export type TLoginAttempt = { fail: () => void; succeed: () => void; abandon: () => void };

const freeFailures = { name: 5, source: 20 };
/** The longest wait: a delay, never a lockout (an attacker could keep anyone's name locked). */
const maxWaitMs = 60_000;

/**
 * Back-off after failed logins, kept in memory per username (whether or not the account
 * exists: a name that is nobody's waits exactly like a real one, so waits tell an attacker
 * nothing about who has an account) and per source address. After the free failures, 1 s,
 * 2 s, 4 s … at most a minute: enough to make guessing hopeless, never a lock that keeps the
 * real owner out; a correct password after the wait lets them in and clears the name.
 *
 * An attempt is counted when it starts, not when its password check ends: forty wrong
 * passwords sent at once were all checked, since each looked before any had failed.
 */
export class LoginThrottle {
  private readonly names = new Map<string, TEntry>();
  private readonly sources = new Map<string, TEntry>();

  /**
   * Starts an attempt for `username` from `source` (undefined: a source not throttled, e.g.
   * loopback behind Tor, where every reader arrives from the same address); the wait in
   * milliseconds instead when either must wait first.
   */
  begin(username: string, source: string | undefined, now = Date.now()): TLoginAttempt | { waitMs: number } {
    const keys: [Map<string, TEntry>, string, number][] = [[this.names, username.toLowerCase(), freeFailures.name]];
    if (source !== undefined) keys.push([this.sources, source, freeFailures.source]);
    let waitMs = 0;
    for (const [map, key, free] of keys) {
      const entry = map.get(key);
      if (!entry) continue;
      waitMs = Math.max(waitMs, entry.waitUntil - now);
      // Attempts still being checked count as failures until they end.
      if (entry.count + entry.pending >= free && entry.pending > 0) waitMs = Math.max(waitMs, 1000);
    }
    if (waitMs > 0) return { waitMs };
    const entries = keys.map(([map, key, free]) => {
      const entry = map.get(key) ?? { count: 0, pending: 0, waitUntil: 0 };
      entry.pending += 1;
      map.set(key, entry);
      bound(map);
      return { entry, free };
    });
    let ended = false;
    const end = (outcome: 'failed' | 'succeeded' | 'unchecked', at = Date.now()) => {
      if (ended) return;
      ended = true;
      for (const { entry, free } of entries) {
        entry.pending -= 1;
        if (outcome !== 'failed') continue;
        entry.count += 1;
        if (entry.count >= free) entry.waitUntil = at + Math.min(maxWaitMs, 1000 * 2 ** (entry.count - free));
      }
      if (outcome === 'succeeded') this.names.delete(username.toLowerCase());
    };
    return { fail: () => end('failed'), succeed: () => end('succeeded'), abandon: () => end('unchecked') };
  }
}

/** Bounded memory under a flood of made-up names or addresses. */
function bound(map: Map<string, TEntry>): void {
  if (map.size > 100_000) map.delete(map.keys().next().value!);
}
