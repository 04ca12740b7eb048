/**
 * Back-off after failed logins, kept in memory per username whether or not the account
 * exists: a name that is nobody's gets locked exactly like a real one, so lockouts tell an
 * attacker nothing about who has an account. Five failures, then 1 s, 2 s, 4 s … 15 min.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; lockedUntil: number }>();

  lockedFor(username: string, now = Date.now()): number {
    const entry = this.failures.get(username.toLowerCase());
    return entry ? Math.max(0, entry.lockedUntil - now) : 0;
  }

  fail(username: string, now = Date.now()): void {
    const key = username.toLowerCase();
    const entry = this.failures.get(key) ?? { count: 0, lockedUntil: 0 };
    entry.count += 1;
    if (entry.count >= 5) entry.lockedUntil = now + Math.min(900_000, 1000 * 2 ** (entry.count - 5));
    this.failures.set(key, entry);
    // Bounded memory under a flood of made-up names.
    if (this.failures.size > 100_000) this.failures.delete(this.failures.keys().next().value!);
  }

  succeed(username: string): void {
    this.failures.delete(username.toLowerCase());
  }
}
