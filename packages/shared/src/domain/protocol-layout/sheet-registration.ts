import { z } from 'zod';
import type { TBox, TLayoutLine } from './protocol-layout.js';

/**
 * Where the worker found a printed sheet in a photo: the projective map from layout units
 * to the pixels of the photo's upright working copy (`width` × `height`), kept so that
 * people can be shown each line of the photo beside the field they type it into.
 */
export type TSheetRegistration = { homography: number[]; width: number; height: number };

export const ZSheetRegistration = z.object({
  homography: z.array(z.number().finite()).length(9),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

/** What EXIF orientation 1–8 asks of a viewer: mirror (left–right) first, then turn clockwise. */
export function uprightTurn(orientation: number): { angle: 0 | 90 | 180 | 270; flop: boolean } {
  return orientations[orientation] ?? orientations[1]!;
}

/** The size of a photo `width` × `height` (as stored) once turned upright. */
export function uprightSize(photo: { width: number; height: number; orientation: number }): {
  width: number;
  height: number;
} {
  return uprightTurn(photo.orientation).angle % 180 === 0
    ? { width: photo.width, height: photo.height }
    : { width: photo.height, height: photo.width };
}

/** The longest side of a photo's view for people: a sheet's digits read at a glance, a screen filled. */
export const photoViewSide = 2400;

/**
 * Whether a photo shown to people needs a view of its own (turned upright, at most
 * `photoViewSide` a side), made by the worker when it reads the photo; else the stored photo
 * is its own view.
 */
export function needsOwnView(photo: { width: number; height: number; orientation: number }): boolean {
  const turn = uprightTurn(photo.orientation);
  return turn.angle !== 0 || turn.flop || Math.max(photo.width, photo.height) > photoViewSide;
}

const orientations: Record<number, { angle: 0 | 90 | 180 | 270; flop: boolean }> = {
  1: { angle: 0, flop: false },
  2: { angle: 0, flop: true },
  3: { angle: 180, flop: false },
  4: { angle: 180, flop: true },
  5: { angle: 270, flop: true },
  6: { angle: 90, flop: false },
  7: { angle: 90, flop: true },
  8: { angle: 270, flop: false },
};

export type TPixelRect = { left: number; top: number; width: number; height: number };

/**
 * A protocol line as it lies in an upright image: the rectangle of the image around it
 * (`rect`), and within that the line itself, a strip `length` × `thickness` pixels whose
 * centre is at `centre` (relative to `rect`) and which slopes `angle` degrees clockwise.
 */
export type TLineInPhoto = {
  rect: TPixelRect;
  centre: { x: number; y: number };
  angle: number;
  length: number;
  thickness: number;
};

// Layout units around a line's label and value: the rule above and below stays in view, and
// the line's number, printed a little left of its label box.
const lineMargin = { x: 24, y: 10 };

/**
 * Where a protocol line (its label and its value, with a margin) lies in an upright image
 * `upright.width` × `upright.height`: the working copy, or the photo itself turned upright
 * (the same picture at another size). Null when the line falls mostly outside the photo.
 */
export function lineInPhoto(
  sheet: TSheetRegistration,
  line: Pick<TLayoutLine, 'labelBox' | 'valueBox'>,
  upright: { width: number; height: number },
): TLineInPhoto | null {
  const box = around([line.labelBox, line.valueBox], lineMargin);
  const scale = upright.width / sheet.width;
  const at = (x: number, y: number) => {
    const p = project(sheet.homography, x, y);
    return { x: p.x * scale, y: p.y * scale };
  };
  const corners = [
    at(box.x, box.y),
    at(box.x + box.width, box.y),
    at(box.x, box.y + box.height),
    at(box.x + box.width, box.y + box.height),
  ];
  if (corners.some((c) => !Number.isFinite(c.x) || !Number.isFinite(c.y))) return null;
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  const [x0, x1] = [Math.max(0, Math.floor(Math.min(...xs))), Math.min(upright.width, Math.ceil(Math.max(...xs)))];
  const [y0, y1] = [Math.max(0, Math.floor(Math.min(...ys))), Math.min(upright.height, Math.ceil(Math.max(...ys)))];
  const full = (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
  // Less than half of it inside the photo: not worth showing as that line.
  if (x1 <= x0 || y1 <= y0 || (x1 - x0) * (y1 - y0) < full / 2) return null;
  const middle = box.y + box.height / 2;
  const [left, right] = [at(box.x, middle), at(box.x + box.width, middle)];
  const [top, bottom] = [at(box.x + box.width / 2, box.y), at(box.x + box.width / 2, box.y + box.height)];
  const centre = at(box.x + box.width / 2, middle);
  return {
    rect: { left: x0, top: y0, width: x1 - x0, height: y1 - y0 },
    centre: { x: centre.x - x0, y: centre.y - y0 },
    angle: (Math.atan2(right.y - left.y, right.x - left.x) * 180) / Math.PI,
    length: Math.hypot(right.x - left.x, right.y - left.y),
    thickness: Math.hypot(bottom.x - top.x, bottom.y - top.y),
  };
}

/** The rectangle of an upright image around a protocol line (see lineInPhoto). */
export function lineRect(
  sheet: TSheetRegistration,
  line: Pick<TLayoutLine, 'labelBox' | 'valueBox'>,
  upright: { width: number; height: number },
): TPixelRect | null {
  return lineInPhoto(sheet, line, upright)?.rect ?? null;
}

function around(boxes: TBox[], margin: { x: number; y: number }): TBox {
  const x = Math.min(...boxes.map((b) => b.x)) - margin.x;
  const y = Math.min(...boxes.map((b) => b.y)) - margin.y;
  const right = Math.max(...boxes.map((b) => b.x + b.width)) + margin.x;
  const bottom = Math.max(...boxes.map((b) => b.y + b.height)) + margin.y;
  return { x, y, width: right - x, height: bottom - y };
}

function project(h: number[], x: number, y: number): { x: number; y: number } {
  const w = h[6]! * x + h[7]! * y + h[8]!;
  return { x: (h[0]! * x + h[1]! * y + h[2]!) / w, y: (h[3]! * x + h[4]! * y + h[5]!) / w };
}
