import { z } from 'zod';
import { parseRelation, type TRelationContext } from './relation.js';
import { ZPolicyInput } from './engine/policy.js';

/** Highest protocol line number; the QR format shares it. */
export const MAX_LINE_NUMBER = 200;

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const KEY = /^[a-z0-9_]{1,40}$/;

/** Labels in the three languages the product serves; none may be blank. */
export const ZLocalizedText = z.strictObject({
  be: z.string().trim().min(1).max(300),
  ru: z.string().trim().min(1).max(300),
  en: z.string().trim().min(1).max(300),
});
export type TLocalizedText = z.infer<typeof ZLocalizedText>;

export const ZCandidate = z.strictObject({
  key: z.string().regex(KEY, 'lowercase letters, digits and _, 1 to 40'),
  name: ZLocalizedText,
});
export type TCandidate = z.infer<typeof ZCandidate>;

export const ZFormLine = z.strictObject({
  key: z.string().regex(KEY, 'lowercase letters, digits and _, 1 to 40'),
  number: z.int().min(1).max(MAX_LINE_NUMBER),
  label: ZLocalizedText,
  /** Set on the line that holds this candidate's votes. */
  candidate: z.string().regex(KEY).optional(),
});
export type TFormLine = z.infer<typeof ZFormLine>;

export const ZQrFormat = z.enum(['crosstally-v1', 'venezuela-2024']);
export type TQrFormat = z.infer<typeof ZQrFormat>;

const ZDefinitionShape = z.strictObject({
  code: z.string().regex(SLUG, 'a slug: lowercase letters, digits and -, 2 to 63, not starting with -'),
  name: ZLocalizedText,
  candidates: z.array(ZCandidate).min(1).max(100),
  form: z.strictObject({
    lines: z.array(ZFormLine).min(1).max(MAX_LINE_NUMBER),
    relations: z.array(z.string().min(1)).max(100),
  }),
  qrFormat: ZQrFormat.default('crosstally-v1'),
  /** The country (ISO 3166, e.g. BY) whose phone numbers voters may type in national form. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'two capital letters, ISO 3166 (e.g. BY)')
    .optional(),
  /** What counts as verified and as proof; any part of it, over the defaults (see ZPolicyInput). */
  policy: ZPolicyInput.optional(),
});

/**
 * The election JSON an admin imports. Objects are strict so that a misspelt field
 * ("qr_format") is reported instead of silently ignored; every cross-field problem carries
 * the path of the offending field so the API can answer 400 naming it. The cross-field
 * checks run only once every field is well-formed (the pipe), so that one bad key is
 * reported once, not again as "unknown candidate" and "unknown line" everywhere it is used.
 */
export const ZElectionDefinition = ZDefinitionShape.pipe(
  z.custom<z.output<typeof ZDefinitionShape>>().superRefine((def, ctx) => {
    for (const issue of findDefinitionIssues(def)) ctx.addIssue({ code: 'custom', ...issue });
  }),
);
export type TElectionDefinition = z.output<typeof ZElectionDefinition>;
export type TElectionDefinitionInput = z.input<typeof ZElectionDefinition>;

type TIssue = { path: (string | number)[]; message: string };
type TDefinitionShape = Pick<TElectionDefinition, 'candidates' | 'form'>;

/** What relations may refer to: all line keys, and the candidate lines in form order. */
export function collectRelationContext(lines: readonly TFormLine[]): TRelationContext {
  const ordered = [...lines].sort((a, b) => a.number - b.number);
  return {
    lineKeys: ordered.map((l) => l.key),
    candidateLineKeys: ordered.filter((l) => l.candidate !== undefined).map((l) => l.key),
  };
}

function findDefinitionIssues(def: TDefinitionShape): TIssue[] {
  const issues: TIssue[] = [];
  const report = (path: TIssue['path'], message: string) => issues.push({ path, message });
  const candidateAt = firstIndexByValue(def.candidates.map((c) => c.key));
  def.candidates.forEach((c, i) => {
    const first = candidateAt.get(c.key);
    if (first !== i)
      report(['candidates', i, 'key'], `duplicate candidate key '${c.key}', first at candidates[${first}]`);
  });
  issues.push(...findLineIssues(def, candidateAt));
  // Relations are parsed only against a sound set of lines: with duplicate keys, "unknown
  // key" messages would blame the relations for the lines' fault.
  if (issues.length > 0) return issues;
  const context = collectRelationContext(def.form.lines);
  def.form.relations.forEach((text, i) => {
    const parsed = parseRelation(text, context);
    if (!parsed.ok) report(['form', 'relations', i], parsed.error);
  });
  return issues;
}

function findLineIssues(def: TDefinitionShape, candidateAt: Map<string, number>): TIssue[] {
  const issues: TIssue[] = [];
  const report = (path: TIssue['path'], message: string) => issues.push({ path, message });
  const lines = def.form.lines;
  const keyAt = firstIndexByValue(lines.map((l) => l.key));
  const numberAt = firstIndexByValue(lines.map((l) => l.number));
  const lineOfCandidate = new Map<string, number>();
  lines.forEach((line, i) => {
    const at = (field: string) => ['form', 'lines', i, field];
    const firstKey = keyAt.get(line.key);
    const firstNumber = numberAt.get(line.number);
    if (firstKey !== i) {
      report(at('key'), `duplicate line key '${line.key}', first at form.lines[${firstKey}]`);
    } else if (/^[0-9]+$/.test(line.key)) {
      report(at('key'), `line key '${line.key}' is only digits: relations could not tell it from a number`);
    }
    if (firstNumber !== i) {
      report(at('number'), `duplicate line number ${line.number}, first at form.lines[${firstNumber}]`);
    }
    if (line.candidate === undefined) return;
    const earlier = lineOfCandidate.get(line.candidate);
    if (!candidateAt.has(line.candidate)) {
      report(at('candidate'), `unknown candidate '${line.candidate}'`);
    } else if (earlier !== undefined) {
      report(at('candidate'), `candidate '${line.candidate}' already has line form.lines[${earlier}]`);
    } else {
      lineOfCandidate.set(line.candidate, i);
    }
  });
  def.candidates.forEach((c, i) => {
    // Duplicates are reported above; an orphan is reported once, at its first occurrence.
    if (candidateAt.get(c.key) === i && !lineOfCandidate.has(c.key)) {
      report(['candidates', i, 'key'], `candidate '${c.key}' has no line in form.lines`);
    }
  });
  return issues;
}

function firstIndexByValue<T>(values: readonly T[]): Map<T, number> {
  const at = new Map<T, number>();
  values.forEach((v, i) => {
    if (!at.has(v)) at.set(v, i);
  });
  return at;
}
