import { parseCount } from './parse-count.js';
import type { TProtocolQrError } from './protocol-qr.js';
import { err, ok, type Result } from './result.js';

/**
 * The QR printed on Venezuela's 2024 presidential actas, as read by the citizen projects
 * that rebuilt the count from them: `<acta id>!<votes per ballot position>!<n>!<n>`, e.g.
 * `201301006.01.1.0001!140,7,10,0,3!0!0`. The vote list follows the ballot's positions
 * (one per party card, not per candidate) and the meaning of the two trailing numbers is
 * not settled publicly, so they are returned as read, unnamed.
 * The format has no checksum: a reading from it deserves the same double check as OCR.
 */
export type TVenezuela2024Acta = {
  /** Centre code, table, and acta sequence as printed, e.g. "201301006.01.1.0001". */
  actaId: string;
  votes: number[];
  trailing: [number, number];
};

const malformed = (message: string) => err<TProtocolQrError>({ code: 'malformed', message });

export function decodeVenezuela2024Qr(text: string): Result<TVenezuela2024Acta, TProtocolQrError> {
  const parts = text.trim().split('!');
  if (parts.length !== 4) return malformed(`expected 4 fields separated by '!', got ${parts.length}`);
  const [actaId = '', votesField = '', first = '', second = ''] = parts;
  if (!/^[0-9]+(\.[0-9]+)*$/.test(actaId)) return malformed(`acta id '${actaId}' is not digits separated by dots`);
  const votes: number[] = [];
  for (const [i, item] of votesField.split(',').entries()) {
    const vote = readNumber(item);
    if (!vote.ok) return malformed(`vote ${i + 1}: ${vote.error}`);
    votes.push(vote.value);
  }
  const a = readNumber(first);
  if (!a.ok) return malformed(`third field: ${a.error}`);
  const b = readNumber(second);
  if (!b.ok) return malformed(`fourth field: ${b.error}`);
  return ok({ actaId, votes, trailing: [a.value, b.value] });
}

/** Machine-printed, so plain digits only: a space or separator here is a misread. */
function readNumber(item: string): Result<number, string> {
  if (!/^[0-9]+$/.test(item)) return err(`'${item}' is not a plain number`);
  return parseCount(item);
}
