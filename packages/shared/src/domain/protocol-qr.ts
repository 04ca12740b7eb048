import { crc32Hex } from './crc32.js';
import { MAX_LINE_NUMBER } from './election-definition.js';
import { MAX_COUNT, parseCount } from './parse-count.js';
import { escapeQrField, unescapeQrField } from './qr-field-escape.js';
import { err, ok, type Result } from './result.js';

/**
 * The CrossTally protocol QR (docs/protocol-qr.md): a station commission or observer prints
 * it on the protocol, and a photo of the protocol then carries its numbers exactly, no OCR.
 *   CT1|<election>|<station>|<number>=<value>,...|<CRC-32 of all before the last '|'>
 */
export type TProtocolQrPayload = {
  election: string;
  station: string;
  /** Protocol line number → value. */
  lines: Record<number, number>;
};

export type TProtocolQrErrorCode = 'not_crosstally' | 'bad_checksum' | 'malformed';
export type TProtocolQrError = { code: TProtocolQrErrorCode; message: string };

const PREFIX = 'CT1';

/** Throws RangeError on input no protocol can have: that is the caller's bug, not data. */
export function encodeProtocolQr(payload: TProtocolQrPayload): string {
  if (payload.election === '' || payload.station === '') throw new RangeError('election and station must not be empty');
  const entries = Object.entries(payload.lines).map(([number, value]) => {
    const n = Number(number);
    if (!/^[1-9][0-9]*$/.test(number) || n > MAX_LINE_NUMBER)
      throw new RangeError(`line number ${number} is not 1..${MAX_LINE_NUMBER}`);
    if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT)
      throw new RangeError(`line ${number}: ${value} is not a count`);
    return [n, value] as const;
  });
  if (entries.length === 0) throw new RangeError('a protocol QR needs at least one line');
  const lines = entries
    .sort(([a], [b]) => a - b)
    .map(([n, v]) => `${n}=${v}`)
    .join(',');
  const body = [PREFIX, escapeQrField(payload.election), escapeQrField(payload.station), lines].join('|');
  return `${body}|${crc32Hex(body)}`;
}

const malformed = (message: string) => err<TProtocolQrError>({ code: 'malformed', message });

/**
 * Decodes a scanned payload. The checksum is verified before any field is read, so a
 * misread reports 'bad_checksum', and a payload that passes is then held to the canonical
 * spelling (ascending lines, no leading zeros, canonical escapes): one protocol, one text.
 */
export function decodeProtocolQr(text: string): Result<TProtocolQrPayload, TProtocolQrError> {
  // Scanners sometimes add a trailing newline; the format itself never has outer spaces.
  const payload = text.trim();
  if (!payload.startsWith(`${PREFIX}|`)) {
    const version = /^CT([0-9]+)\|/.exec(payload);
    const message = version ? `unsupported CrossTally QR version ${version[1]}` : `does not start with '${PREFIX}|'`;
    return err({ code: 'not_crosstally', message });
  }
  if (!/^[\x20-\x7E]*$/.test(payload)) return malformed('contains a character outside printable ASCII');
  const cut = payload.lastIndexOf('|');
  const body = payload.slice(0, cut);
  const checksum = payload.slice(cut + 1);
  if (!/^[0-9A-F]{8}$/.test(checksum)) return malformed('the checksum must be 8 uppercase hex digits');
  const expected = crc32Hex(body);
  if (checksum !== expected)
    return err({ code: 'bad_checksum', message: `checksum ${checksum} does not match the content (${expected})` });
  const fields = body.split('|');
  if (fields.length !== 4) return malformed(`expected 5 fields separated by '|', got ${fields.length + 1}`);
  const [, electionField = '', stationField = '', linesField = ''] = fields;
  const election = unescapeQrField(electionField);
  if (!election.ok) return malformed(`election code: ${election.error}`);
  const station = unescapeQrField(stationField);
  if (!station.ok) return malformed(`station code: ${station.error}`);
  if (election.value === '' || station.value === '') return malformed('election and station codes must not be empty');
  const lines = decodeLines(linesField);
  if (!lines.ok) return malformed(lines.error);
  return ok({ election: election.value, station: station.value, lines: lines.value });
}

function decodeLines(field: string): Result<Record<number, number>, string> {
  const lines: Record<number, number> = {};
  let previous = 0;
  for (const item of field.split(',')) {
    const match = /^([1-9][0-9]{0,2})=(0|[1-9][0-9]{0,8})$/.exec(item);
    if (!match) return err(`line '${item}' is not <number>=<value> without leading zeros`);
    const number = parseCount(match[1] ?? '');
    const value = parseCount(match[2] ?? '');
    if (!number.ok || !value.ok)
      return err(`line '${item}': ${number.ok ? '' : number.error}${value.ok ? '' : value.error}`);
    if (number.value > MAX_LINE_NUMBER) return err(`line number ${number.value} is above ${MAX_LINE_NUMBER}`);
    if (number.value <= previous) return err(`line ${number.value} after line ${previous}: lines must ascend`);
    lines[number.value] = value.value;
    previous = number.value;
  }
  return ok(lines);
}
