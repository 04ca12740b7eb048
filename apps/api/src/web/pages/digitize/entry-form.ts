import { err, ok, parseCount, type Result, type TMessageKey } from '@crosstally/shared';
import type { TTypedEntry } from '../../../digitize/record-entry.js';

/** What the person typed, as typed: shown back in the fields when something needs fixing. */
export type TTypedForm = { stationCode: string; lines: Record<string, string> };
/** Field name (`stationCode` or a line key) → what is wrong with it. */
export type TFieldErrors = Record<string, TMessageKey>;

export const lineField = (key: string) => `line.${key}`;
const maxStationCode = 64;

function text(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The posted task form: a number for every line of the form (parseCount, so "12a" or "1.5"
 * is refused rather than half-read) and the station code the photo shows (empty: unreadable).
 * Every line must be there: a line left out is a line not typed, not a zero.
 */
export function readEntryForm(
  body: unknown,
  lineKeys: readonly string[],
): Result<TTypedEntry, { typed: TTypedForm; errors: TFieldErrors }> {
  const fields = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const typed: TTypedForm = { stationCode: text(fields, 'stationCode') ?? '', lines: {} };
  const errors: TFieldErrors = {};
  const lines: Record<string, number> = {};
  for (const key of lineKeys) {
    const raw = text(fields, lineField(key)) ?? '';
    typed.lines[key] = raw;
    const parsed = parseCount(raw);
    if (parsed.ok) lines[key] = parsed.value;
    else errors[key] = raw.trim() === '' ? 'web.digitize.error.missing' : 'web.digitize.error.notCount';
  }
  const stationCode = typed.stationCode.trim();
  if (stationCode.length > maxStationCode) errors.stationCode = 'web.digitize.error.stationCode';
  if (Object.keys(errors).length > 0) return err({ typed, errors });
  return ok({ stationCode: stationCode === '' ? null : stationCode, lines, supersede: false });
}
