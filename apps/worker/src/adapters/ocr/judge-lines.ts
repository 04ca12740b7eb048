import { checkRelations, parseCount, type TStoredRelation } from '@crosstally/shared';
import type { TOcrUnreadReason } from '../ocr.adapter.js';
import type { TInkCrop } from './crop-boxes.js';
import type { TCropText } from './tesseract-pool.js';

/**
 * A count the OCR saw in a box: its best reading, or one made with characters it weighed
 * in their place (confidence 0–1: the weakest character's, or the word's for the best).
 */
export type TSeenValue = { value: number; confidence: number };

/**
 * One box's verdict before the relations: a value with its confidence, or why not; with
 * (for counts) the values the OCR saw there, best first, for the relations to choose from.
 */
export type TVerdict<V> = ({ ok: true; value: V; confidence: number } | { ok: false; reason: TOcrUnreadReason }) & {
  seen?: TSeenValue[];
};
export type TLineVerdict = TVerdict<number>;

export type TJudgeOptions = {
  /** Tesseract's confidence (0–1) in the weakest word of a line, below which it goes to people. */
  minConfidence: number;
  /** Keep a line that is part of an equality only when one of its equalities is complete and holds. */
  requireCorroboration: boolean;
};

export type TJudged = {
  lines: Record<string, number>;
  lineConfidence: Record<string, number>;
  unread: Record<string, TOcrUnreadReason>;
  /** Every line an equality can check was read and checked: the sheet reads well throughout. */
  sheetChecked: boolean;
};

/**
 * One box on its own: kept when the text is a count by parseCount, has at least as many
 * digits as the ink has separate characters, and tesseract's confidence reaches the bar.
 */
export function judgeText(crop: TInkCrop, text: TCropText, minConfidence: number): TLineVerdict {
  const parsed = parseCount(text.text);
  const confidence = wordConfidence(text);
  if (!parsed.ok) return { ok: false, reason: text.text === '' ? 'blank' : 'not-a-count' };
  if (text.text.replace(/[^0-9]/g, '').length < crop.glyphs) return { ok: false, reason: 'glyph-count' };
  const seen = seenValues(text, { value: parsed.value, confidence });
  if (confidence < minConfidence) return { ok: false, reason: 'low-confidence', seen };
  return { ok: true, value: parsed.value, confidence, seen };
}

// A character (or a best reading) tesseract weighed below this (of 100) is noise, not a reading of the ink.
const minChoiceConfidence = 20;
// Values kept per box: enough for a digit or two in doubt, few enough to keep a combination rare.
const maxSeenValues = 8;

/**
 * The best reading, then the counts made by putting one or two of the other characters
 * tesseract weighed in place of the ones it chose (digits only, same length, so a dropped
 * digit is never "seen"). Nothing here is computed from arithmetic: every value is made of
 * characters the OCR proposed for this ink.
 */
export function seenValues(text: TCropText, best: TSeenValue): TSeenValue[] {
  // A best reading tesseract itself barely believes is no better than a weak alternative.
  if (best.confidence * 100 < minChoiceConfidence) return [];
  const words = text.text.split(/\s+/);
  const choices = text.wordChoices;
  if (!choices || choices.length !== words.length || choices.some((c, i) => c.length !== [...words[i]!].length)) {
    return [best];
  }
  // The line's characters with one space between words, and where each character sits in it.
  const line = words.join(' ').split('');
  const at = line.flatMap((c, i) => (c === ' ' ? [] : [i]));
  const symbols = choices.flat();
  const chosen = symbols.map((s) => s[0]!.confidence);
  const others = symbols.flatMap((s, position) =>
    s
      .slice(1)
      .filter((c) => /^[0-9]$/.test(c.text) && c.confidence >= minChoiceConfidence)
      .map((c) => ({ position, ...c })),
  );
  const found = new Map<number, number>([[best.value, best.confidence]]);
  const add = (swaps: typeof others) => {
    const next = [...line];
    const confidence = chosen.map((c, p) => swaps.find((s) => s.position === p)?.confidence ?? c);
    for (const s of swaps) next[at[s.position]!] = s.text;
    const parsed = parseCount(next.join(''));
    if (!parsed.ok) return;
    const value = Math.max(0, Math.min(1, Math.min(...confidence) / 100));
    if (parsed.value !== best.value && (found.get(parsed.value) ?? -1) < value) found.set(parsed.value, value);
  };
  for (const [i, a] of others.entries()) {
    add([a]);
    for (const b of others.slice(i + 1)) if (b.position !== a.position) add([a, b]);
  }
  const [head, ...rest] = [...found].map(([value, confidence]) => ({ value, confidence }));
  return [head!, ...rest.sort((a, b) => b.confidence - a.confidence)].slice(0, maxSeenValues);
}

/**
 * Applies the form's relations to the boxes' verdicts; every line not kept goes to people.
 * Every relation the kept lines break drops all of its lines. Then, by default, a line that
 * takes part in equalities stays only if every one of them is complete and holds, and a
 * line no equality can check (the voters on the list) stays only on a sheet where every line
 * equalities can check was kept: `sheetChecked`, the same gate the station code passes. On
 * handwriting tesseract is confidently wrong often enough (7 % of lines at ≥ 0.8 in the hard
 * photo set, dropped digits mostly) that confidence alone is no safeguard; exact equalities
 * over lines read apart are. "Every", not "one": a writer's 1 that tesseract drops in two
 * lines of one equality (1468 = 367 + 1101 read as 468 = 367 + 101) still balances it, and
 * only the line's other equality gives it away.
 *
 * No value is ever inferred from a relation, even when one line is missing and an equality
 * determines it: the relations on the paper are part of what a parallel tabulation checks.
 * A value computed from them would make a protocol whose arithmetic is broken on paper look
 * whole, and would hide a misread of any other line of that relation. People enter it.
 */
export function judgeLines(
  verdicts: { key: string; verdict: TLineVerdict }[],
  relations: readonly TStoredRelation[],
  options: TJudgeOptions,
): TJudged {
  const judged: TJudged = { lines: {}, lineConfidence: {}, unread: {}, sheetChecked: true };
  const drop = (key: string, reason: TOcrUnreadReason) => {
    delete judged.lines[key];
    delete judged.lineConfidence[key];
    judged.unread[key] = reason;
  };
  for (const { key, verdict } of verdicts) {
    if (!verdict.ok) judged.unread[key] = verdict.reason;
    else [judged.lines[key], judged.lineConfidence[key]] = [verdict.value, verdict.confidence];
  }
  // Dropping values only turns relations 'incomplete', never 'broken': one pass is enough.
  for (const check of checkRelations(relations, judged.lines)) {
    if (check.status !== 'broken') continue;
    for (const { key } of check.relation.terms) if (Object.hasOwn(judged.lines, key)) drop(key, 'relation-broken');
  }
  if (!options.requireCorroboration) return judged;
  const equalities = relations.filter((r) => r.op === 'eq');
  const checkable = new Set(equalities.flatMap((r) => r.terms.map((t) => t.key)));
  // Over the values read (not over those kept): a line dropped for its other equality was
  // still read, and its value still checks the lines it shares an equality with.
  const unchecked = checkRelations(equalities, judged.lines).filter((c) => c.status !== 'holds');
  for (const key of new Set(unchecked.flatMap((c) => c.relation.terms.map((t) => t.key)))) {
    if (Object.hasOwn(judged.lines, key)) drop(key, 'uncorroborated');
  }
  judged.sheetChecked = [...checkable].every((key) => Object.hasOwn(judged.lines, key));
  if (!judged.sheetChecked) {
    for (const key of Object.keys(judged.lines)) if (!checkable.has(key)) drop(key, 'uncorroborated');
  }
  return judged;
}

/** The weakest word's confidence, 0–1: one doubtful digit group makes the whole number doubtful. */
export function wordConfidence(text: TCropText): number {
  if (text.wordConfidences.length === 0) return 0;
  return Math.max(0, Math.min(1, Math.min(...text.wordConfidences) / 100));
}
