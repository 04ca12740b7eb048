import { describe, expect, it } from 'vitest';
import { composeStrip, splitStrip, type TStripWord } from './crop-strip.js';

const pgm = (width: number, height: number, value: number) =>
  Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), Buffer.alloc(width * height, value)]);
const word = (x0: number, x1: number, text: string): TStripWord => ({ x0, x1, text, confidence: 90, choices: [] });

describe('composeStrip', () => {
  it('puts the crops side by side, centred, three heights of white apart', () => {
    const { image, spans } = composeStrip([pgm(10, 6, 0), pgm(4, 2, 100)]);
    const header = 'P5\n32 6\n255\n';
    expect(image.toString('latin1', 0, header.length)).toBe(header);
    expect(spans).toEqual([
      { x0: 0, x1: 10 },
      { x0: 28, x1: 32 },
    ]);
    const at = (x: number, y: number) => image[header.length + y * 32 + x];
    expect([at(0, 0), at(9, 5), at(10, 0), at(27, 3)]).toEqual([0, 0, 255, 255]);
    // The 2-pixel-high crop sits in rows 2 and 3 of 6.
    expect([at(28, 1), at(28, 2), at(31, 3), at(31, 4)]).toEqual([255, 100, 100, 255]);
  });

  it('refuses a crop that is not an 8-bit binary PGM', () => {
    expect(() => composeStrip([pgm(2, 2, 0), Buffer.from('not a pgm')])).toThrow(/not an 8-bit binary PGM/);
    expect(() => composeStrip([pgm(2, 2, 0).subarray(0, 12)])).toThrow(/2 × 2 crop holds 1 bytes/);
  });
});

describe('splitStrip', () => {
  const spans = [
    { x0: 0, x1: 100 },
    { x0: 300, x1: 380 },
    { x0: 600, x1: 700 },
  ];

  it('gives each crop the words inside it, in order, and drops what lies in a gap', () => {
    const parts = splitStrip([word(5, 40, '12'), word(50, 95, '345'), word(310, 370, '7'), word(450, 460, '1')], spans);
    expect(parts.map((p) => p?.map((w) => w.text))).toEqual([['12', '345'], ['7'], []]);
  });

  it('gives no words to crops that share a word: those are read again alone', () => {
    const parts = splitStrip([word(5, 40, '12'), word(320, 650, '71'), word(660, 690, '4')], spans);
    expect(parts.map((p) => p?.map((w) => w.text) ?? null)).toEqual([['12'], null, null]);
  });
});
