/**
 * Expected outcomes are values, not exceptions: a bad OCR digit or a malformed QR payload
 * is an everyday event in this product, so callers must be forced by the type checker to
 * handle it. Exceptions stay for programmer errors (a broken invariant).
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/**
 * Ends an exhaustive `switch`: adding a member to a union then fails to compile at every
 * switch that forgot it, instead of falling through silently at run time.
 */
export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
