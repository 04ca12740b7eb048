import type { Rng } from './prng.js';

/**
 * Distinct voter identities without a set of the ones already issued: the n-th token of a
 * kind is an affine permutation (n·A + B) mod M of its space, which never repeats while
 * n < M. Random draws would collide (birthday problem: a few million phones out of 4·10^7)
 * and a set of them would cost memory; the permutation costs two numbers per kind. The
 * offset B comes from the seed, so different seeds give different numbers.
 */

export type TVoterKind = 'phone' | 'bot' | 'code';

/** Belarusian mobile operator codes: +375 25/29/33/44 and 7 digits. */
const PHONE_OPERATORS = [25, 29, 33, 44];
const PHONE_SPACE = PHONE_OPERATORS.length * 10_000_000;
/** Telegram-like numeric ids of 9 digits. */
const BOT_SPACE = 900_000_000;
/** One-time codes handed out on paper: 6 characters of Crockford base32. */
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_SPACE = 32 ** 6;
/**
 * Multipliers coprime to their space (so the map is a permutation), near the space times
 * the golden ratio's fraction, so that consecutive tokens land far apart and do not read
 * as a sequence.
 */
const PHONE_A = 24_721_359;
const BOT_A = 556_230_019;
const CODE_A = 663_608_941;

export class VoterTokens {
  /** The kind of the last token issued: the one asked for, unless its space was used up. */
  lastKind: TVoterKind = 'phone';
  private phones = 0;
  private bots = 0;
  private codes = 0;
  private readonly phoneB: number;
  private readonly botB: number;
  private readonly codeB: number;

  constructor(rng: Rng) {
    this.phoneB = rng.int(0, PHONE_SPACE - 1);
    this.botB = rng.int(0, BOT_SPACE - 1);
    this.codeB = rng.int(0, CODE_SPACE - 1);
  }

  /** Most voters report by phone, some through the bot, a few with a paper code. */
  drawKind(rng: Rng): TVoterKind {
    const r = rng.float();
    return r < 0.8 ? 'phone' : r < 0.95 ? 'bot' : 'code';
  }

  /** A token never issued before; a kind whose space is used up falls over to the next. */
  next(kind: TVoterKind): string {
    if (kind === 'phone' && this.phones < PHONE_SPACE) {
      const x = mulMod(this.phones, PHONE_A, PHONE_SPACE, this.phoneB);
      this.phones += 1;
      this.lastKind = 'phone';
      return phoneNumber(x);
    }
    if (kind !== 'code' && this.bots < BOT_SPACE) {
      const x = mulMod(this.bots, BOT_A, BOT_SPACE, this.botB);
      this.bots += 1;
      this.lastKind = 'bot';
      return `tg:${100_000_000 + x}`;
    }
    if (this.codes >= CODE_SPACE) throw new Error('VoterTokens: every voter token is used up');
    let x = mulMod(this.codes, CODE_A, CODE_SPACE, this.codeB);
    this.codes += 1;
    this.lastKind = 'code';
    // In the form the intake API accepts for one-time codes (letters, digits and -).
    let code = 'OTC-';
    for (let i = 0; i < 6; i += 1) {
      code += CODE_ALPHABET[x % 32] ?? '0';
      x = Math.floor(x / 32);
    }
    return code;
  }
}

/**
 * (n·a + b) mod m without leaving exact integers: a is split in 15-bit halves, so every
 * intermediate stays below 2^46 for n, b < m < 2^31 and a < 2^30.
 */
function mulMod(n: number, a: number, m: number, b: number): number {
  const high = ((n * Math.floor(a / 32768)) % m) * 32768;
  return (high + n * (a % 32768) + b) % m;
}

/**
 * "+375" + operator code + 7 digits, built from char codes: a 13-character template
 * literal would be a V8 cons string (two parts and a pair), about 25 bytes more per
 * report, which is 70 MB at a few million reports.
 */
function phoneNumber(x: number): string {
  const operator = PHONE_OPERATORS[Math.floor(x / 10_000_000)] ?? 29;
  let rest = x % 10_000_000;
  const d: number[] = [0, 0, 0, 0, 0, 0, 0];
  for (let i = 6; i >= 0; i -= 1) {
    d[i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  const [d0 = 48, d1 = 48, d2 = 48, d3 = 48, d4 = 48, d5 = 48, d6 = 48] = d;
  return String.fromCharCode(
    43,
    51,
    55,
    53,
    48 + Math.floor(operator / 10),
    48 + (operator % 10),
    d0,
    d1,
    d2,
    d3,
    d4,
    d5,
    d6,
  );
}
