import { z } from 'zod';
import { parseCount } from './parse-count.js';
import { err, ok, type Result } from './result.js';
import { tokenizeRelation, type TOpToken, type TToken } from './relation-tokens.js';

/**
 * A control relation of a protocol form, e.g. `took_part = sum(candidates) + invalid`.
 * Stored normalized as `sum(coef * value) + constant (op) 0`, i.e. lhs − rhs: one shape for
 * every relation, which is what the arithmetic checks and the form_template table need.
 */
export const ZRelationOp = z.enum(['eq', 'le', 'ge']);
export type TRelationOp = z.infer<typeof ZRelationOp>;

export const ZRelationTerm = z.object({ key: z.string().min(1), coef: z.number().int() });
export type TRelationTerm = z.infer<typeof ZRelationTerm>;

export const ZRelation = z.object({
  text: z.string(),
  op: ZRelationOp,
  terms: z.array(ZRelationTerm),
  constant: z.number().int(),
});
export type TRelation = z.infer<typeof ZRelation>;

type TLinearExpression = { terms: TRelationTerm[]; constant: number };

export type TRelationContext = {
  /** Every line key of the form. */
  lineKeys: readonly string[];
  /** The lines holding a candidate's votes, in form order: what `sum(candidates)` means. */
  candidateLineKeys: readonly string[];
};

/**
 * Bounds that keep every evaluation exact in float64: 500 characters hold at most 25
 * `1000*sum(candidates)` over ≤ 100 lines, so |sum| ≤ 25·1000·100·1e9 = 2.5e15 < 2^53.
 */
export const MAX_RELATION_LENGTH = 500;
export const MAX_COEFFICIENT = 1000;

export function parseRelation(text: string, context: TRelationContext): Result<TRelation, string> {
  if (text.length > MAX_RELATION_LENGTH) return err(`longer than ${MAX_RELATION_LENGTH} characters`);
  const tokens = tokenizeRelation(text);
  if (!tokens.ok) return tokens;
  const ops = tokens.value.filter((t): t is TOpToken => t.kind === 'op');
  const [opToken, extra] = ops;
  if (opToken === undefined) return err("needs one of '=', '<=', '>='");
  if (extra !== undefined) return err(`more than one comparison ('${opToken.text}' and '${extra.text}')`);
  const at = tokens.value.indexOf(opToken);
  const lhs = parseExpression(tokens.value.slice(0, at), context, 'left');
  if (!lhs.ok) return lhs;
  const rhs = parseExpression(tokens.value.slice(at + 1), context, 'right');
  if (!rhs.ok) return rhs;
  const negatedRhs = rhs.value.terms.map((t) => ({ key: t.key, coef: -t.coef }));
  const terms = mergeTerms([...lhs.value.terms, ...negatedRhs]);
  // A relation that mentions no line (after cancelling) is always true or always false:
  // either way it is a typo in the form, not a check.
  if (terms.length === 0) return err('does not depend on any line');
  return ok({ text, op: opToken.op, terms, constant: lhs.value.constant - rhs.value.constant });
}

function parseExpression(
  tokens: readonly TToken[],
  context: TRelationContext,
  side: 'left' | 'right',
): Result<TLinearExpression, string> {
  if (tokens.length === 0) return err(`the ${side} side is empty`);
  const terms: TRelationTerm[] = [];
  let constant = 0;
  let pos = 0;
  let sign = 1;
  const first = tokens[0];
  if (first?.kind === 'plus' || first?.kind === 'minus') {
    sign = first.kind === 'minus' ? -1 : 1;
    pos = 1;
  }
  for (;;) {
    const term = readTerm(tokens, pos, sign, context);
    if (!term.ok) return term;
    terms.push(...term.value.terms);
    constant += term.value.constant;
    pos = term.value.next;
    const next = tokens[pos];
    if (next === undefined) return ok({ terms: mergeTerms(terms), constant });
    if (next.kind !== 'plus' && next.kind !== 'minus') return err(`expected '+' or '-' before '${next.text}'`);
    if (pos + 1 === tokens.length) return err(`the ${side} side ends with '${next.text}'`);
    sign = next.kind === 'minus' ? -1 : 1;
    pos += 1;
  }
}

type TTermRead = { terms: TRelationTerm[]; constant: number; next: number };

/** One of: `7`, `key`, `2*key`, `sum(candidates)`, `2*sum(candidates)`. */
function readTerm(
  tokens: readonly TToken[],
  pos: number,
  sign: number,
  context: TRelationContext,
): Result<TTermRead, string> {
  const token = tokens[pos];
  if (token?.kind === 'number') {
    // Literals go through parseCount like every other digit string in the product.
    const n = parseCount(token.text);
    if (!n.ok) return err(`number ${token.text}: ${n.error}`);
    if (tokens[pos + 1]?.kind !== 'times') return ok({ terms: [], constant: sign * n.value, next: pos + 1 });
    if (n.value < 1 || n.value > MAX_COEFFICIENT) {
      return err(`coefficient ${token.text} must be between 1 and ${MAX_COEFFICIENT}`);
    }
    const operand = readOperand(tokens, pos + 2, context);
    if (!operand.ok) return operand;
    const terms = operand.value.keys.map((key) => ({ key, coef: sign * n.value }));
    return ok({ terms, constant: 0, next: operand.value.next });
  }
  if (token?.kind !== 'word') return err(`expected a line key or a number, got '${token?.text ?? 'nothing'}'`);
  const operand = readOperand(tokens, pos, context);
  if (!operand.ok) return operand;
  return ok({ terms: operand.value.keys.map((key) => ({ key, coef: sign })), constant: 0, next: operand.value.next });
}

/** A line key or `sum(candidates)`, starting at `pos`. */
function readOperand(
  tokens: readonly TToken[],
  pos: number,
  context: TRelationContext,
): Result<{ keys: readonly string[]; next: number }, string> {
  const token = tokens[pos];
  if (token?.kind !== 'word') return err(`expected a line key after '*', got '${token?.text ?? 'nothing'}'`);
  if (token.text === 'sum' && tokens[pos + 1]?.kind === 'open') {
    const inner = tokens[pos + 2];
    if (inner?.text !== 'candidates' || tokens[pos + 3]?.kind !== 'close') {
      return err('the only macro is sum(candidates)');
    }
    if (context.candidateLineKeys.length === 0) return err('sum(candidates) but the form has no candidate lines');
    return ok({ keys: context.candidateLineKeys, next: pos + 4 });
  }
  if (!context.lineKeys.includes(token.text)) return err(`unknown line key '${token.text}'`);
  return ok({ keys: [token.text], next: pos + 1 });
}

/** Adds up repeated keys, keeps first-appearance order, drops what cancels out. */
function mergeTerms(terms: readonly TRelationTerm[]): TRelationTerm[] {
  const byKey = new Map<string, number>();
  for (const t of terms) byKey.set(t.key, (byKey.get(t.key) ?? 0) + t.coef);
  return [...byKey].filter(([, coef]) => coef !== 0).map(([key, coef]) => ({ key, coef }));
}
