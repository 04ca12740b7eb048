import { err, ok, type Result } from './result.js';

export type TOpToken = { kind: 'op'; text: string; op: 'eq' | 'le' | 'ge' };
export type TToken =
  { kind: 'word' | 'number' | 'plus' | 'minus' | 'times' | 'open' | 'close'; text: string } | TOpToken;

const PUNCTUATION: Record<string, TToken> = {
  '+': { kind: 'plus', text: '+' },
  '-': { kind: 'minus', text: '-' },
  '\u2212': { kind: 'minus', text: '\u2212' }, // typographic minus, from forms pasted out of documents
  '*': { kind: 'times', text: '*' },
  '(': { kind: 'open', text: '(' },
  ')': { kind: 'close', text: ')' },
  '=': { kind: 'op', text: '=', op: 'eq' },
  '\u2264': { kind: 'op', text: '\u2264', op: 'le' },
  '\u2265': { kind: 'op', text: '\u2265', op: 'ge' },
};

/**
 * Splits a relation into tokens. Words are `[a-z0-9_]+`; a word of digits only is a number,
 * which is why the form schema forbids all-digit line keys.
 */
export function tokenizeRelation(text: string): Result<TToken[], string> {
  const tokens: TToken[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^\s+/.exec(rest);
    const word = /^[A-Za-z0-9_]+/.exec(rest);
    const two = rest.slice(0, 2);
    const ch = rest[0] ?? '';
    if (space) {
      i += space[0].length;
    } else if (word) {
      const w = word[0];
      if (/[A-Z]/.test(w)) return err(`line keys are lowercase: '${w}'`);
      tokens.push({ kind: /^[0-9]+$/.test(w) ? 'number' : 'word', text: w });
      i += w.length;
    } else if (two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', op: two === '<=' ? 'le' : 'ge', text: two });
      i += 2;
    } else if (two === '==' || two === '!=' || ch === '<' || ch === '>') {
      // Counts are integers, so a strict inequality is always expressible with <= or >=;
      // refusing it keeps one spelling per relation.
      const shown = two === '==' || two === '!=' ? two : ch;
      return err(`'${shown}' is not supported: use '=', '<=' or '>='`);
    } else if (Object.hasOwn(PUNCTUATION, ch)) {
      tokens.push(PUNCTUATION[ch] as TToken);
      i += 1;
    } else {
      return err(`unexpected character '${String.fromCodePoint(text.codePointAt(i) ?? 0)}'`);
    }
  }
  return ok(tokens);
}
