import { err, ok, type Result } from './result.js';

/**
 * Percent-escaping of the free-text fields (election and station codes) of a CrossTally
 * protocol QR. Everything except printable ASCII is escaped, as UTF-8 bytes: the payload
 * stays pure ASCII, so it survives scanners that guess a QR's byte encoding (ISO-8859-1
 * per the QR standard, UTF-8 in practice) and the checksum never depends on that guess.
 * The escaping is canonical — exactly one spelling per code — so a decoder can insist on
 * it and re-encoding a decoded payload gives back the same text.
 */
const STRUCTURAL = new Set(['%', '|', ',', '=']);

function isLiteral(code: number): boolean {
  return code >= 0x20 && code <= 0x7e && !STRUCTURAL.has(String.fromCharCode(code));
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Throws on a string that has no UTF-8 form (a lone surrogate): a programmer error. */
export function escapeQrField(text: string): string {
  if (LONE_SURROGATE.test(text)) throw new RangeError('text has a lone surrogate: no UTF-8 form');
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    out += isLiteral(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading U+FEFF is content.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function unescapeQrField(field: string): Result<string, string> {
  const bytes: number[] = [];
  for (let i = 0; i < field.length; i += 1) {
    const code = field.charCodeAt(i);
    if (field[i] === '%') {
      const hex = field.slice(i + 1, i + 3);
      if (!/^[0-9A-F]{2}$/.test(hex)) return err(`'%' must be followed by two uppercase hex digits, got '${hex}'`);
      bytes.push(hexByte(hex));
      i += 2;
    } else if (isLiteral(code)) {
      bytes.push(code);
    } else {
      return err(`character U+${code.toString(16).toUpperCase().padStart(4, '0')} must be escaped`);
    }
  }
  let text: string;
  try {
    text = decoder.decode(new Uint8Array(bytes));
  } catch {
    return err('escapes are not valid UTF-8');
  }
  if (escapeQrField(text) !== field) return err('escaping is not canonical');
  return ok(text);
}

function hexByte(hex: string): number {
  let n = 0;
  for (const ch of hex) n = n * 16 + '0123456789ABCDEF'.indexOf(ch);
  return n;
}
