import type { TElectionDefinition } from '@crosstally/shared';
import { photograph, type THomography, type TPhotographOptions, type TRawImage, type TSide } from './photograph.js';
import { hashSeed, Prng } from './prng.js';
import { renderNextPageRaw, renderSheetRaw, type TSheetLanguage, type TSheetSpec } from './render-sheet.js';

/**
 * The generated protocol photo set. Each photo: a sheet drawn exactly on layoutForForm
 * (render-sheet.ts), printed or (hard) filled in by hand (handwritten-digits.ts), then
 * photographed (photograph.ts) at 1500 × 2000 px, a 3-megapixel portrait phone photo: the
 * size a phone upload has after the app's own downscaling, and a third of the work of 12 MP.
 * The page is drawn at the resolution it has in the photo (about 1 to 1.4 px per layout
 * unit), so no time goes into pixels the camera would throw away. The next page, when in
 * view, has no corner marks: a reader must lock onto the protocol, not onto a stray page.
 */
export type TLevel = 'clean' | 'medium' | 'hard';
export type TPhotoSetForm = Pick<TElectionDefinition, 'code' | 'name' | 'form'>;

export type TPhotoSetOptions = {
  seed: number;
  count: number;
  level: TLevel;
  form: TPhotoSetForm;
  /** Print the CrossTally QR of the numbers on every sheet. */
  withQr: boolean;
  /** Photos in flight at once: sharp works off the main thread while another photo is warped on it. Default 3. */
  concurrency?: number;
};

export type TSetPhoto = {
  id: string;
  level: TLevel;
  station: string;
  /** Line key → the number printed (or written) on the sheet: the ground truth. */
  values: Record<string, number>;
  /** The photo, JPEG. */
  photo: Buffer;
  /** Layout units → photo pixels. */
  homography: THomography;
  labelsLanguage: TSheetLanguage;
  withQr: boolean;
  valueStyle: TSheetSpec['valueStyle'];
  digits: TSheetSpec['digits'];
  /** The camera as drawn for this photo (without the next page's pixels). */
  camera: Omit<TPhotographOptions, 'nextPage'> & { nextPage?: TSide };
};

/** Pixels per layout unit of the next page (the sheet itself is drawn at the size the camera asks for). */
const nextPageScale = 1.3;

/**
 * A set of phone photos of honest protocols with known numbers. Each photo depends only on
 * (seed, level, index), so the set is the same on every run and one photo can be remade
 * alone (generateSetPhoto) to check that.
 */
export async function generatePhotoSet(options: TPhotoSetOptions): Promise<TSetPhoto[]> {
  const photos: TSetPhoto[] = new Array<TSetPhoto>(options.count);
  const nextPages = new Map<string, Promise<TRawImage>>();
  let next = 0;
  const lane = async () => {
    while (next < options.count) {
      const index = next;
      next += 1;
      photos[index] = await generateSetPhoto(options, index, nextPages);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 3) }, lane));
  return photos;
}

/** Photo `index` of the set: the same bytes every time for the same options. */
export async function generateSetPhoto(
  options: Omit<TPhotoSetOptions, 'count' | 'concurrency'>,
  index: number,
  nextPages = new Map<string, Promise<TRawImage>>(),
): Promise<TSetPhoto> {
  const { level, form } = options;
  const rng = Prng.derive('photo-set', options.seed, level, index);
  const station = `${String(rng.int(1, 7)).padStart(2, '0')}-${String(rng.int(1, 9999)).padStart(4, '0')}`;
  const values = honestValues(form, rng);
  const language: TSheetLanguage = rng.chance(0.5) ? 'be' : 'ru';
  const camera = drawCamera(level, rng);
  const valueStyle = level === 'clean' ? 'boxed' : rng.pick(['boxed', 'dots'] as const);
  const digits = level === 'hard' ? 'handwritten' : 'printed';
  const spec: TSheetSpec = {
    definition: form,
    station,
    values,
    language,
    valueStyle,
    digits,
    qr: options.withQr,
    seed: rng.uint32(),
  };
  let nextPage: TPhotographOptions['nextPage'];
  if (camera.nextPage) {
    // A few continuation pages per set are enough variety, and they cost as much as a sheet to draw.
    const variant = rng.int(0, 3);
    const key = `${language}-${variant}`;
    let page = nextPages.get(key);
    if (!page) {
      page = renderNextPageRaw({ seed: hashSeed(options.seed, key), scale: nextPageScale, language });
      nextPages.set(key, page);
    }
    nextPage = { png: await page, side: camera.nextPage };
  }
  const shot = await photograph((scale) => renderSheetRaw({ ...spec, scale }), { ...camera, nextPage });
  return {
    id: `${level}-${options.seed}-${String(index).padStart(4, '0')}`,
    level,
    station,
    values,
    photo: shot.jpeg,
    homography: shot.homography,
    labelsLanguage: language,
    withQr: options.withQr,
    valueStyle,
    digits,
    camera,
  };
}

/**
 * How a phone at each level sees the sheet.
 * - clean: printed, boxed; turned ≤ 3°, almost no tilt, mild light, no shadow, no blur, q90.
 * - medium: printed, boxed or dotted; turned ≤ 8°, tilted, shadow, slight blur and noise, q75,
 *   the next page beside it half the time.
 * - hard: handwritten; turned ≤ 15°, strongly tilted, uneven light, shadow, blur, noise, q60,
 *   the next page always in view.
 */
function drawCamera(level: TLevel, rng: Prng): TSetPhoto['camera'] {
  const seed = rng.uint32();
  const side = rng.pick(['left', 'right', 'top', 'bottom'] as const);
  switch (level) {
    case 'clean':
      return {
        seed,
        rotation: rng.signed(3),
        perspective: rng.range(0, 0.02),
        fill: rng.range(0.86, 0.95),
        light: { gradient: rng.range(0, 0.08), vignette: rng.range(0, 0.08) },
        shadow: 0,
        blur: 0,
        noise: rng.range(1, 2.5),
        quality: 90,
      };
    case 'medium':
      return {
        seed,
        rotation: rng.signed(8),
        perspective: rng.range(0.03, 0.08),
        fill: rng.range(0.8, 0.92),
        light: { gradient: rng.range(0.05, 0.25), vignette: rng.range(0.05, 0.25) },
        shadow: rng.range(0.15, 0.35),
        blur: rng.range(0.4, 0.9),
        noise: rng.range(3, 6),
        quality: 75,
        ...(rng.chance(0.5) ? { nextPage: side } : {}),
      };
    case 'hard':
      return {
        seed,
        rotation: rng.signed(15),
        perspective: rng.range(0.08, 0.15),
        fill: rng.range(0.74, 0.88),
        light: { gradient: rng.range(0.2, 0.45), vignette: rng.range(0.2, 0.45) },
        shadow: rng.range(0.3, 0.55),
        blur: rng.range(0.8, 1.5),
        noise: rng.range(6, 10),
        quality: 60,
        nextPage: side,
      };
  }
}

const knownKeys = new Set([
  'voters_on_list',
  'received',
  'issued_early',
  'issued_home',
  'issued_day',
  'took_part',
  'against_all',
  'invalid',
  'unused',
]);

/**
 * The numbers of an honest protocol for a form shaped like the Belarusian presidential one
 * (the fixture and the synthetic forms): every control relation of that form holds.
 */
export function honestValues(form: TPhotoSetForm, rng: Prng): Record<string, number> {
  const candidates = form.form.lines.filter((l) => l.candidate !== undefined).map((l) => l.key);
  for (const line of form.form.lines) {
    if (line.candidate === undefined && !knownKeys.has(line.key))
      throw new RangeError(`honestValues: no rule for line ${line.key}`);
  }
  const voters = rng.int(300, 2600);
  const tookPart = Math.round(voters * rng.range(0.45, 0.93));
  const early = Math.round(tookPart * rng.range(0.1, 0.45));
  const home = Math.round(tookPart * rng.range(0.005, 0.05));
  const received = Math.max(tookPart + rng.int(5, 60), Math.round((voters * rng.range(0.9, 1.02)) / 10) * 10);
  const invalid = Math.round(tookPart * rng.range(0.005, 0.04));
  const against = Math.round(tookPart * rng.range(0.01, 0.1));
  const votes = split(tookPart - invalid - against, candidates.length, rng);
  const values: Record<string, number> = {
    voters_on_list: voters,
    received,
    issued_early: early,
    issued_home: home,
    issued_day: tookPart - early - home,
    took_part: tookPart,
    against_all: against,
    invalid,
    unused: received - tookPart,
  };
  candidates.forEach((key, i) => (values[key] = votes[i] ?? 0));
  return Object.fromEntries(form.form.lines.map((l) => [l.key, values[l.key] ?? 0]));
}

/** total split into n parts by random weights (one of them often a clear favourite), largest remainder. */
function split(total: number, n: number, rng: Prng): number[] {
  const weights = Array.from({ length: n }, () => (-Math.log(1 - rng.next())) ** 1.5);
  const favourite = rng.int(0, n - 1);
  weights[favourite] = (weights[favourite] ?? 0) + rng.range(0, 3);
  const sum = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((s, p) => s + p, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}
