/**
 * Where things are on a CrossTally-printed protocol sheet, in layout units (an A4 page of
 * 1000 × 1414). The printer (renderer) and the reader (OCR) share this one description: the
 * reader finds the four corner marks in a photo, maps layout units onto the photo with them,
 * and crops each number box. Pure geometry, no I/O.
 */
export type TBox = { x: number; y: number; width: number; height: number };

export type TLayoutLine = { key: string; number: number; labelBox: TBox; valueBox: TBox };

export type TProtocolLayout = {
  page: { width: number; height: number };
  /** Solid black squares in the corners, in order: top-left, top-right, bottom-left, bottom-right. */
  fiducials: [TBox, TBox, TBox, TBox];
  titleBox: TBox;
  stationCodeBox: TBox;
  lines: TLayoutLine[];
  qrBox: TBox;
  signatureBox: TBox;
};

export const pageWidth = 1000;
export const pageHeight = 1414;
const fiducialSize = 40;
const margin = 30;
const linesTop = 270;
const linesBottom = pageHeight - 330;

/** The layout of a form with these lines, in protocol order (by line number). */
export function layoutForForm(lines: readonly { key: string; number: number }[]): TProtocolLayout {
  const ordered = [...lines].sort((a, b) => a.number - b.number);
  const rowHeight = Math.min(64, (linesBottom - linesTop) / Math.max(1, ordered.length));
  const far = pageWidth - margin - fiducialSize;
  const low = pageHeight - margin - fiducialSize;
  const square = (x: number, y: number): TBox => ({ x, y, width: fiducialSize, height: fiducialSize });
  return {
    page: { width: pageWidth, height: pageHeight },
    fiducials: [square(margin, margin), square(far, margin), square(margin, low), square(far, low)],
    titleBox: { x: 120, y: 90, width: 760, height: 70 },
    stationCodeBox: { x: 560, y: 180, width: 360, height: 60 },
    lines: ordered.map((line, i) => {
      const y = linesTop + i * rowHeight;
      return {
        key: line.key,
        number: line.number,
        labelBox: { x: 90, y, width: 560, height: rowHeight - 8 },
        valueBox: { x: 680, y: y + 2, width: 240, height: rowHeight - 12 },
      };
    }),
    qrBox: { x: 90, y: pageHeight - 300, width: 240, height: 240 },
    signatureBox: { x: 420, y: pageHeight - 280, width: 500, height: 200 },
  };
}

/** The centre of a box: what the corner marks are located by. */
export function centreOf(box: TBox): { x: number; y: number } {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}
