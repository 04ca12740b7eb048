import { assertNever } from '../result.js';
import type { TPhotoReading, TPolicy, TReadingMethod, TStationEvidence } from './engine-types.js';
import { compareLineArrays, compareText, readLines, type TLineArray, type TPreparedForm } from './prepare-form.js';
import { readingMethodRank } from '../vocabulary.js';

/** A reading the engine may use, read onto the form's lines. */
export type TUsableReading = {
  reading: TPhotoReading;
  lines: TLineArray;
  /** qr and double_entry need no trust in a machine's guess: they make findings strong. */
  documented: boolean;
};

/** Photos that agree on every line they share, and what they say together. */
export type TPhotoGroup = { members: TUsableReading[]; lines: TLineArray; documented: boolean };

export function isDocumented(method: TReadingMethod): boolean {
  switch (method) {
    case 'qr':
    case 'double_entry':
      return true;
    case 'ocr':
      return false;
    default:
      return assertNever(method);
  }
}

/**
 * The readings that count, sorted by photo, one per photo. A photo whose printed station code
 * is another station's is the wrong photo here (reported elsewhere); an OCR guess below the
 * policy's confidence waits for people. `!(c >= min)` also drops a NaN confidence.
 */
export function selectReadings(form: TPreparedForm, evidence: TStationEvidence, policy: TPolicy): TUsableReading[] {
  const code = evidence.station.code;
  const min = policy.minOcrConfidence;
  const usable: TUsableReading[] = [];
  for (const reading of evidence.readings) {
    if (reading.stationCodeRead !== null && reading.stationCodeRead !== code) continue;
    if (reading.method === 'ocr' && !(reading.confidence >= min)) continue;
    usable.push({ reading, lines: readLines(form, reading.values), documented: isDocumented(reading.method) });
  }
  if (usable.length < 2) return usable;
  usable.sort(compareUsable);
  return keepOnePerPhoto(usable);
}

/**
 * One photo has one agreed reading by contract; should a photo still come twice, keep the
 * best one by a total order (method, confidence, values) so that input order never matters.
 */
function keepOnePerPhoto(sorted: TUsableReading[]): TUsableReading[] {
  let duplicates = false;
  for (let i = 1; i < sorted.length && !duplicates; i++) {
    duplicates = (sorted[i] as TUsableReading).reading.photoSha256 === sorted[i - 1]?.reading.photoSha256;
  }
  if (!duplicates) return sorted;
  const kept: TUsableReading[] = [];
  for (const r of sorted) {
    if (kept[kept.length - 1]?.reading.photoSha256 !== r.reading.photoSha256) kept.push(r);
  }
  return kept;
}

/** By photo, then the best reading of that photo first. */
function compareUsable(a: TUsableReading, b: TUsableReading): number {
  return (
    compareText(a.reading.photoSha256, b.reading.photoSha256) ||
    readingMethodRank(a.reading.method) - readingMethodRank(b.reading.method) ||
    b.reading.confidence - a.reading.confidence ||
    compareLineArrays(a.lines, b.lines)
  );
}

/**
 * Groups photos (taken in photo order) that agree on every line they share: each photo joins
 * the first group it agrees with, else starts one. Agreement with partial readings is not
 * transitive, so a fixed order is what makes the grouping independent of input order. Each
 * new group disagrees with every earlier one, and stays so as groups gain lines.
 */
export function groupReadings(readings: readonly TUsableReading[]): TPhotoGroup[] {
  const groups: TPhotoGroup[] = [];
  for (const r of readings) {
    let home: TPhotoGroup | undefined;
    for (const g of groups) {
      if (agree(g.lines, r.lines)) {
        home = g;
        break;
      }
    }
    if (home === undefined) {
      groups.push({ members: [r], lines: r.lines.slice(), documented: r.documented });
      continue;
    }
    home.members.push(r);
    home.documented ||= r.documented;
    for (let i = 0; i < r.lines.length; i++) if (home.lines[i] === undefined) home.lines[i] = r.lines[i];
  }
  return groups;
}

/** True when no line holds a number in both that differs. */
export function agree(a: TLineArray, b: TLineArray): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && x !== y) return false;
  }
  return true;
}
