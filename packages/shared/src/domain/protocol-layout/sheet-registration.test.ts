import { describe, expect, it } from 'vitest';
import { layoutForForm } from './protocol-layout.js';
import { lineInPhoto, lineRect, uprightTurn } from './sheet-registration.js';

const line = layoutForForm([{ key: 'a', number: 1 }]).lines[0]!;
// The label and value boxes with the margin, in layout units: 90−24 … 920+24 across.
const [length, thickness] = [920 + 24 - (90 - 24), line.labelBox.height + 20];

describe('lineInPhoto', () => {
  it('finds a line on a sheet photographed straight, at half its layout size', () => {
    const sheet = { homography: [0.5, 0, 0, 0, 0.5, 0, 0, 0, 1], width: 500, height: 707 };
    const found = lineInPhoto(sheet, line, { width: 1000, height: 1414 })!;
    // The upright image is twice the working copy: layout units come out at full size.
    expect(found.angle).toBeCloseTo(0, 6);
    expect(found.length).toBeCloseTo(length, 6);
    expect(found.thickness).toBeCloseTo(thickness, 6);
    expect(found.rect).toEqual({ left: 66, top: line.labelBox.y - 10, width: length, height: thickness });
  });

  it('gives the slope of a sheet turned 10° clockwise, and a box around the whole line', () => {
    const a = (10 * Math.PI) / 180;
    const sheet = {
      homography: [Math.cos(a), -Math.sin(a), 300, Math.sin(a), Math.cos(a), 0, 0, 0, 1],
      width: 1600,
      height: 1800,
    };
    const found = lineInPhoto(sheet, line, { width: 1600, height: 1800 })!;
    expect(found.angle).toBeCloseTo(10, 6);
    expect(found.length).toBeCloseTo(length, 6);
    expect(found.thickness).toBeCloseTo(thickness, 6);
    expect(found.rect.height).toBeGreaterThan(thickness + length * Math.sin(a) - 2);
  });

  it('gives nothing for a line mostly outside the photo', () => {
    const sheet = { homography: [1, 0, -700, 0, 1, 0, 0, 0, 1], width: 1000, height: 1414 };
    expect(lineRect(sheet, line, { width: 1000, height: 1414 })).toBeNull();
  });
});

describe('uprightTurn', () => {
  it('turns and mirrors as EXIF orientation asks, and leaves an unknown value as it is', () => {
    expect([6, 8, 3, 5, 7, 2, 1, 0].map((o) => uprightTurn(o))).toEqual([
      { angle: 90, flop: false },
      { angle: 270, flop: false },
      { angle: 180, flop: false },
      { angle: 270, flop: true },
      { angle: 90, flop: true },
      { angle: 0, flop: true },
      { angle: 0, flop: false },
      { angle: 0, flop: false },
    ]);
  });
});
