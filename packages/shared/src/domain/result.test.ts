import { describe, it, expect } from 'vitest';
import { assertNever, err, ok, type Result } from './result.js';

function describeResult(r: Result<number, string>): string {
  // The narrowing below is the point of the type: value exists only when ok is true.
  return r.ok ? `value ${r.value}` : `error ${r.error}`;
}

describe('Result', () => {
  it.each([
    [ok(3), 'value 3'],
    [err('nope'), 'error nope'],
  ])('%o narrows to %s', (r, expected) => {
    expect(describeResult(r)).toBe(expected);
  });

  it('assertNever throws with the unexpected value', () => {
    expect(() => assertNever('surprise' as never)).toThrow('unexpected value: "surprise"');
  });
});
