import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

const hour = 3_600_000;

describe('LoginThrottle', () => {
  it('never makes a name wait more than a minute, however many failures', () => {
    const throttle = new LoginThrottle();
    // Each attempt after the previous wait is over (asked an hour later each time).
    for (let i = 0; i < 30; i += 1) {
      const attempt = throttle.begin('x', undefined, Date.now() + i * hour);
      if ('waitMs' in attempt) throw new Error(`attempt ${i} had to wait`);
      attempt.fail();
    }
    const now = throttle.begin('x', undefined, Date.now());
    expect('waitMs' in now && now.waitMs).toBeGreaterThan(30_000);
    expect('waitMs' in now && now.waitMs).toBeLessThanOrEqual(60_000);
  });

  it('counts an attempt that could not be checked as nothing', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 10; i += 1) {
      const attempt = throttle.begin('y', '192.0.2.1');
      if ('waitMs' in attempt) throw new Error('should not wait');
      attempt.abandon();
    }
    expect('fail' in throttle.begin('y', '192.0.2.1')).toBe(true);
  });

  it('lets one attempt at a time through once the free failures are spent', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i += 1) {
      const attempt = throttle.begin('z', undefined);
      if ('waitMs' in attempt) throw new Error('should not wait');
      attempt.fail();
    }
    const later = Date.now() + hour;
    const first = throttle.begin('z', undefined, later);
    expect('fail' in first).toBe(true);
    expect('waitMs' in throttle.begin('z', undefined, later)).toBe(true);
  });
});
