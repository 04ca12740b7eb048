import {
  lineInPhoto,
  needsOwnView,
  photoViewSide,
  uprightTurn,
  ZSheetRegistration,
  type EvidenceStore,
  type TLayoutLine,
} from '@crosstally/shared';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import type { ImageWork } from './image-work.js';

/** Longest side of a line cut out for people: a row of the form read at a glance. */
const lineWidth = 1000;

export type TPhotoForView = { orientation: number; sha256: string; mime: string; width: number; height: number };

/** What a request may do to make a view: how many pixels it may decode, and its share of the image work. */
export type TViewLimits = { decodePixels: number; work: ImageWork };

const making = new Map<string, Promise<Buffer>>();

/**
 * The photo as people are shown it: upright (the stored copy has no EXIF left, the
 * orientation kept in its own column, so a browser would show a phone's portrait shot on its
 * side) and at most `photoViewSide` a side. The worker makes it when it reads the photo; a
 * photo that needs no view of its own is its own view. Before the worker has been there, a
 * request makes it only for a photo of at most `decodePixels` (one decode however many ask,
 * within the process's image work); a larger one is 503 until the worker has made it. Null
 * when the photo's file is missing or altered.
 */
export async function uprightView(
  store: EvidenceStore,
  photo: TPhotoForView,
  limits: TViewLimits,
): Promise<{ bytes: Buffer; mime: string } | null> {
  if (!needsOwnView(photo)) {
    const stored = await store.read('protocol', photo.sha256, photo.mime);
    return stored.ok ? { bytes: stored.bytes, mime: photo.mime } : null;
  }
  const kept = await store.read('view', photo.sha256, 'image/jpeg');
  if (kept.ok) return { bytes: kept.bytes, mime: 'image/jpeg' };
  if (photo.width * photo.height > limits.decodePixels) {
    throw new AppError('unavailable', { key: 'photo.viewLater' });
  }
  let view = making.get(photo.sha256);
  if (!view) {
    view = limits.work.run(async () => {
      const stored = await store.read('protocol', photo.sha256, photo.mime);
      if (!stored.ok) throw new ViewSourceMissing();
      const bytes = await turned(stored.bytes, photo.orientation, limits.decodePixels)
        .resize(photoViewSide, photoViewSide, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 88 })
        .toBuffer();
      await store.put('view', photo.sha256, 'image/jpeg', bytes);
      return bytes;
    });
    const settled = view.finally(() => making.delete(photo.sha256));
    settled.catch(() => undefined);
    making.set(photo.sha256, view);
  }
  try {
    return { bytes: await view, mime: 'image/jpeg' };
  } catch (error) {
    if (error instanceof ViewSourceMissing) return null;
    throw error;
  }
}

class ViewSourceMissing extends Error {}

/** A photo turned upright, at most `pixelSide` px a side, as raw pixels. */
export type TUprightPixels = { data: Buffer; info: { width: number; height: number; channels: 1 | 2 | 3 | 4 } };

// Lines are cut from a copy this large at most (the worker reads one the same size).
const pixelSide = 2000;
// A digitizer's page asks for every line of a photo at once: one decode serves them all.
const keptPhotos = 8;
const keptMs = 60_000;
const kept = new Map<string, { until: number; pixels: Promise<TUprightPixels | null> }>();

/**
 * The photo turned upright and made at most 2000 px a side, decoded once for the requests
 * that come together (the lines of one page) and kept a minute; null when its file is
 * missing or altered.
 */
export function uprightPixels(
  store: EvidenceStore,
  photo: TPhotoForView,
  limits: TViewLimits,
): Promise<TUprightPixels | null> {
  const key = `${photo.sha256}:${photo.orientation}`;
  const now = Date.now();
  for (const [k, v] of kept) if (v.until < now) kept.delete(k);
  const found = kept.get(key);
  if (found) return found.pixels;
  // Cut from the view (upright, screen-sized), never from the photo at full resolution.
  const pixels = uprightView(store, photo, limits).then(async (view) => {
    if (!view) return null;
    const { data, info } = await limits.work.run(() =>
      sharp(view.bytes, { limitInputPixels: limits.decodePixels })
        .resize(pixelSide, pixelSide, { fit: 'inside', withoutEnlargement: true })
        .raw()
        .toBuffer({ resolveWithObject: true }),
    );
    return { data, info: rawInput(info).raw };
  });
  // A failed decode is not kept: the next request tries again.
  pixels.catch(() => kept.delete(key));
  kept.set(key, { until: now + keptMs, pixels });
  while (kept.size > keptPhotos) kept.delete(kept.keys().next().value!);
  return pixels;
}

/**
 * One protocol line (its label and its value) cut out of the upright photo and turned level,
 * where the worker found the printed sheet; null when it found none or the line is not in
 * the picture. Level, not just cut out: on a sheet photographed at an angle a square cut
 * around a row shows the next row's number beside this row's label.
 */
export async function lineImage(
  pixels: TUprightPixels,
  photo: { sheet: unknown },
  line: Pick<TLayoutLine, 'labelBox' | 'valueBox'>,
): Promise<Buffer | null> {
  const sheet = ZSheetRegistration.safeParse(photo.sheet);
  if (!sheet.success) return null;
  const found = lineInPhoto(sheet.data, line, pixels.info);
  if (!found) return null;
  const around = await sharp(pixels.data, rawInput(pixels.info))
    .extract(found.rect)
    .raw()
    .toBuffer({ resolveWithObject: true });
  // sharp turns about the centre onto a canvas just large enough: where the line's centre goes follows.
  const level = await sharp(around.data, rawInput(around.info))
    .rotate(-found.angle, { background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const turn = (-found.angle * Math.PI) / 180;
  const [dx, dy] = [found.centre.x - around.info.width / 2, found.centre.y - around.info.height / 2];
  const centre = {
    x: level.info.width / 2 + dx * Math.cos(turn) - dy * Math.sin(turn),
    y: level.info.height / 2 + dx * Math.sin(turn) + dy * Math.cos(turn),
  };
  const left = Math.max(0, Math.round(centre.x - found.length / 2));
  const top = Math.max(0, Math.round(centre.y - found.thickness / 2));
  const width = Math.min(level.info.width - left, Math.round(found.length));
  const height = Math.min(level.info.height - top, Math.round(found.thickness));
  if (width < 1 || height < 1) return null;
  return sharp(level.data, rawInput(level.info))
    .extract({ left, top, width, height })
    .resize({ width: lineWidth, height: lineWidth, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** sharp's description of raw pixels it made, to read them back. */
function rawInput(info: { width: number; height: number; channels: 1 | 2 | 3 | 4 }) {
  return { raw: { width: info.width, height: info.height, channels: info.channels } };
}

function turned(bytes: Buffer, orientation: number, maxPixels: number): sharp.Sharp {
  const turn = uprightTurn(orientation);
  // sharp mirrors before it turns, whatever the order of the calls (see the worker's copy).
  const image = sharp(bytes, { limitInputPixels: maxPixels }).rotate(turn.angle);
  return turn.flop ? image.flop() : image;
}
