import { describe, it, expect } from 'vitest';
import { decodeProtocolPayload } from './protocol-payload.js';
import { encodeProtocolQr } from './protocol-qr.js';

const crosstally = encodeProtocolQr({ election: 'e', station: 's', lines: { 1: 5 } });
const venezuela = '201301006.01.1.0001!140,7,10,0,3!0!0';

describe('decodeProtocolPayload', () => {
  it('decodes with the format the election declares', () => {
    expect(decodeProtocolPayload('crosstally-v1', crosstally)).toEqual({
      ok: true,
      value: { format: 'crosstally-v1', payload: { election: 'e', station: 's', lines: { 1: 5 } } },
    });
    expect(decodeProtocolPayload('venezuela-2024', venezuela)).toEqual({
      ok: true,
      value: {
        format: 'venezuela-2024',
        payload: { actaId: '201301006.01.1.0001', votes: [140, 7, 10, 0, 3], trailing: [0, 0] },
      },
    });
  });

  it.each([
    ['crosstally-v1', venezuela, 'not_crosstally'],
    ['venezuela-2024', crosstally, 'malformed'],
  ] as const)('never guesses: %s refuses the other format', (format, text, code) => {
    const r = decodeProtocolPayload(format, text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe(code);
  });
});
