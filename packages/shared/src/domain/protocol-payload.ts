import type { TQrFormat } from './election-definition.js';
import { decodeProtocolQr, type TProtocolQrError, type TProtocolQrPayload } from './protocol-qr.js';
import { assertNever, type Result } from './result.js';
import { decodeVenezuela2024Qr, type TVenezuela2024Acta } from './venezuela-2024-qr.js';

/** A decoded protocol QR, tagged with its format so callers switch on it exhaustively. */
export type TProtocolPayload =
  { format: 'crosstally-v1'; payload: TProtocolQrPayload } | { format: 'venezuela-2024'; payload: TVenezuela2024Acta };

/**
 * Decodes a scanned QR text with the format the election declares (qrFormat). The format
 * comes from the election, never guessed from the text: a guess could read one country's
 * acta as another's protocol.
 */
export function decodeProtocolPayload(format: TQrFormat, text: string): Result<TProtocolPayload, TProtocolQrError> {
  switch (format) {
    case 'crosstally-v1': {
      const r = decodeProtocolQr(text);
      return r.ok ? { ok: true, value: { format, payload: r.value } } : r;
    }
    case 'venezuela-2024': {
      const r = decodeVenezuela2024Qr(text);
      return r.ok ? { ok: true, value: { format, payload: r.value } } : r;
    }
    default:
      return assertNever(format);
  }
}
