import { err, ok, type Result } from './result.js';

/** The largest count a protocol line can hold; larger means a misread, not a big station. */
export const MAX_COUNT = 999_999_999;

/**
 * Separators people and OCR put between digit groups: space, NBSP, thin spaces (U+2009,
 * U+202F, the typographic norm in be/ru), apostrophe (Swiss style) and its typographic
 * form U+2019, which OCR returns for a printed apostrophe. Comma and dot are deliberately
 * absent: "1,234" is a decimal in Belarus and a thousand in English, so it is ambiguous.
 */
const SEPARATORS = " \u00A0\u2009\u202F'\u2019";

const UNGROUPED = /^[0-9]+$/;

/**
 * The only way digits from input or OCR become numbers (never parseInt, which reads "12abc"
 * as 12 and "1e3" as 1). Accepts a non-negative integer in ASCII digits, optionally grouped
 * by threes with one separator kind; anything else is an error saying why, so a digitizer
 * or the OCR pipeline can show it.
 */
export function parseCount(text: string): Result<number, string> {
  const s = text.trim();
  if (s === '') return err('empty: no digits');
  const first = s[0];
  if (first === '-' || first === '\u2212') return err('negative: a count cannot be below zero');
  if (first === '+') return err("a leading '+' is not allowed");
  const bad = findUnexpectedCharacter(s);
  if (bad !== undefined) {
    if (bad === '.' || bad === ',') return err("'.' or ',' is not allowed: no decimals, group with a space");
    return err(`unexpected character '${bad}': only digits and group separators are allowed`);
  }
  const digits = UNGROUPED.test(s) ? s : ungroup(s);
  if (digits === undefined) return err('digit groups after a separator must have exactly three digits');
  // Leading zeros are harmless ("007" from digit boxes); strip them so that a long run of
  // zeros cannot look like a big number, and compare by length before converting so that
  // a 30-digit misread never reaches floating point.
  const significant = digits.replace(/^0+(?=[0-9])/, '');
  if (significant.length > String(MAX_COUNT).length || Number(significant) > MAX_COUNT) {
    return err(`too large: a count is at most ${MAX_COUNT}`);
  }
  return ok(Number(significant));
}

function findUnexpectedCharacter(s: string): string | undefined {
  for (const ch of s) {
    if (!(ch >= '0' && ch <= '9') && !SEPARATORS.includes(ch)) return ch;
  }
  return undefined;
}

/** "1 234 567" → "1234567"; undefined when groups are not 1–3 digits then threes. */
function ungroup(s: string): string | undefined {
  const separator = [...s].find((ch) => SEPARATORS.includes(ch));
  if (separator === undefined) return undefined;
  // One separator kind per number: "1'234 567" is more likely two numbers run together.
  const groups = s.split(separator);
  const [head, ...tail] = groups;
  if (head === undefined || !/^[0-9]{1,3}$/.test(head)) return undefined;
  if (!tail.every((g) => /^[0-9]{3}$/.test(g))) return undefined;
  return groups.join('');
}
