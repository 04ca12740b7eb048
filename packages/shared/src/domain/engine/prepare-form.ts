import type { TRelation, TRelationOp } from '../relation.js';
import type { TFormForEngine, TLineValues } from './engine-types.js';

/**
 * Everything the engine derives from the form alone, computed once per form instead of once
 * per station: a national run compares a million stations against one or two forms.
 */

/** One protocol's numbers by line index (form order); undefined = not published or not read. */
export type TLineArray = (number | undefined)[];

/** A relation flattened to line indexes, for a quick "does it hold" pass without allocations. */
export type TQuickRelation = {
  relation: TRelation;
  op: TRelationOp;
  constant: number;
  lineIndexes: number[];
  coefs: number[];
  /** A term names a key that is not a line of the form: only checkRelations can judge it. */
  fullCheckOnly: boolean;
};

/**
 * A form with its derived data. It is itself a TFormForEngine, so `compareStation` takes
 * either; `prepareForm` is idempotent and cached by object identity, which is why forms must
 * not be mutated once used (they are compiled templates, read from the database).
 */
export type TPreparedForm = TFormForEngine & {
  /** Distinct line keys by line number: the index of every TLineArray. */
  readonly lineKeys: readonly string[];
  /** Candidate keys in subject order (code-unit order), so crowd findings need no sort. */
  readonly candidates: readonly string[];
  /** The index of each candidate's line (first such line in form order), parallel to `candidates`. */
  readonly candidateLineIndexes: readonly number[];
  /** candidate key → its position in `candidates`. */
  readonly candidateSlots: ReadonlyMap<string, number>;
  /**
   * What a crowd count may be compared on, in subject order: every candidate (by key), and
   * every line that is no candidate's (against all, invalid: by line key), each with the index
   * of its line. A source's count for any of them is held against the official one.
   */
  readonly crowdSubjects: readonly { subject: string; lineIndex: number }[];
  /** subject → its position in `crowdSubjects`. */
  readonly crowdSlots: ReadonlyMap<string, number>;
  /** Index of the `took_part` line, or -1 when the form has none. */
  readonly tookPartIndex: number;
  readonly quickRelations: readonly TQuickRelation[];
};

const preparedForms = new WeakMap<TFormForEngine, TPreparedForm>();

export function prepareForm(form: TFormForEngine): TPreparedForm {
  const cached = preparedForms.get(form);
  if (cached !== undefined) return cached;
  const ordered = [...form.lines].sort((a, b) => a.number - b.number);
  const lineIndexes = new Map<string, number>();
  const lineKeys: string[] = [];
  const candidateLines = new Map<string, number>();
  for (const line of ordered) {
    if (lineIndexes.has(line.key)) continue;
    lineIndexes.set(line.key, lineKeys.length);
    if (typeof line.candidate === 'string' && !candidateLines.has(line.candidate)) {
      candidateLines.set(line.candidate, lineKeys.length);
    }
    lineKeys.push(line.key);
  }
  const candidates = [...candidateLines.keys()].sort(compareText);
  const candidateLineSet = new Set(candidateLines.values());
  const crowdSubjects = [
    ...candidates.map((c) => ({ subject: c, lineIndex: candidateLines.get(c)! })),
    // A line no candidate holds, unless a candidate's key already names it.
    ...lineKeys.flatMap((key, i) =>
      candidateLineSet.has(i) || candidateLines.has(key) ? [] : [{ subject: key, lineIndex: i }],
    ),
  ].sort((a, b) => compareText(a.subject, b.subject));
  const prepared: TPreparedForm = Object.freeze({
    lines: form.lines,
    relations: form.relations,
    lineKeys,
    candidates,
    candidateLineIndexes: candidates.map((c) => candidateLines.get(c) ?? -1),
    candidateSlots: new Map(candidates.map((c, i) => [c, i])),
    crowdSubjects,
    crowdSlots: new Map(crowdSubjects.map((s, i) => [s.subject, i])),
    tookPartIndex: lineIndexes.get('took_part') ?? -1,
    quickRelations: form.relations.map((relation) => quickRelationOf(relation, lineIndexes)),
  });
  preparedForms.set(form, prepared);
  preparedForms.set(prepared, prepared);
  return prepared;
}

function quickRelationOf(relation: TRelation, lineIndexes: ReadonlyMap<string, number>): TQuickRelation {
  const indexes = relation.terms.map((t) => lineIndexes.get(t.key) ?? -1);
  return {
    relation,
    op: relation.op,
    constant: relation.constant,
    lineIndexes: indexes,
    coefs: relation.terms.map((t) => t.coef),
    fullCheckOnly: indexes.includes(-1),
  };
}

/** Reads a protocol's values onto the form's lines; like checkRelations, only finite numbers count. */
export function readLines(form: TPreparedForm, values: TLineValues): TLineArray {
  const keys = form.lineKeys;
  const out: TLineArray = new Array<number | undefined>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    // No Object.hasOwn needed: what a key like "constructor" finds on the prototype is never
    // a number, so the typeof test alone keeps inherited members out, and costs less.
    const v = values[keys[i] as string];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  }
  return out;
}

/** Code-unit order: the same everywhere, unlike localeCompare, and cheaper. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lexicographic by line, a missing value before any number: a total order for tie-breaks. */
export function compareLineArrays(a: TLineArray, b: TLineArray): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Sets one line's value on a record being built. defineProperty, because a plain assignment
 * to a line keyed "__proto__" (a valid key) would change the prototype and drop the number.
 */
export function putValue(values: TLineValues, key: string, value: number): void {
  Object.defineProperty(values, key, { value, enumerable: true, writable: true, configurable: true });
}
