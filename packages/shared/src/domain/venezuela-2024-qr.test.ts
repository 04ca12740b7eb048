import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { decodeVenezuela2024Qr } from './venezuela-2024-qr.js';

describe('decodeVenezuela2024Qr', () => {
  it.each([
    ['201301006.01.1.0001!140,7,10,0,3!0!0', '201301006.01.1.0001', [140, 7, 10, 0, 3], [0, 0]],
    ['110101001.01.1.0001!205!3!12\n', '110101001.01.1.0001', [205], [3, 12]],
    ['7!0,0!0!0', '7', [0, 0], [0, 0]],
  ])('%j', (text, actaId, votes, trailing) => {
    expect(decodeVenezuela2024Qr(text)).toEqual({ ok: true, value: { actaId, votes, trailing } });
  });

  it.each([
    ['', /expected 4 fields/],
    ['201301006.01.1.0001!140,7!0', /expected 4 fields/],
    ['201301006.01.1.0001!140,7!0!0!0', /expected 4 fields/],
    ['CT1|e|s|1=1|ABCDEF01', /expected 4 fields/],
    ['2013O1006.01!1!0!0', /acta id '2013O1006.01'/],
    ['.01!1!0!0', /acta id/],
    ['201301006..01!1!0!0', /acta id/],
    ['201301006.01.1.0001!140,,3!0!0', /vote 2: '' is not a plain number/],
    ['201301006.01.1.0001!!0!0', /vote 1: ''/],
    ['201301006.01.1.0001!140,7 0!0!0', /vote 2: '7 0'/],
    ['201301006.01.1.0001!-1!0!0', /vote 1: '-1'/],
    ['201301006.01.1.0001!1000000000!0!0', /vote 1: too large/],
    ['201301006.01.1.0001!1!x!0', /third field/],
    ['201301006.01.1.0001!1!0!', /fourth field/],
  ])('%j is malformed', (text, message) => {
    const r = decodeVenezuela2024Qr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('malformed');
      expect(r.error.message).toMatch(message);
    }
  });

  it('reads back any well-formed acta text', () => {
    const count = fc.integer({ min: 0, max: 999_999_999 });
    const actaId = fc.array(fc.stringMatching(/^[0-9]{1,9}$/), { minLength: 1, maxLength: 4 }).map((p) => p.join('.'));
    fc.assert(
      fc.property(actaId, fc.array(count, { minLength: 1, maxLength: 40 }), count, count, (id, votes, a, b) => {
        const text = `${id}!${votes.join(',')}!${a}!${b}`;
        expect(decodeVenezuela2024Qr(text)).toEqual({ ok: true, value: { actaId: id, votes, trailing: [a, b] } });
      }),
    );
  });
});
