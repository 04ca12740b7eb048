/**
 * Local stand-in for the shared Result type; the lead will re-point this file at
 * @crosstally/shared, so it must stay exactly this one declaration.
 */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };
