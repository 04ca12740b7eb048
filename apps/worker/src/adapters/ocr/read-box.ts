import type { TBox } from '@crosstally/shared';
import { cropBox, type TCropOptions, type TInkCrop } from './crop-boxes.js';
import type { TGreyImage } from './grey-image.js';
import type { THomography } from './homography.js';
import { wordConfidence, type TSeenValue, type TVerdict } from './judge-lines.js';
import type { TCropText, TesseractPool } from './tesseract-pool.js';

export type TBoxReader = {
  pool: TesseractPool;
  crop: TCropOptions;
  /** Ink heights (px) tried in turn; the first two also serve to confirm a read. */
  inkHeights: number[];
  minConfidence: number;
};

export type TJudge<V> = (crop: TInkCrop, text: TCropText, minConfidence: number) => TVerdict<V>;

/**
 * Reads one box: tries each ink height until `judge` accepts the text (tesseract now and
 * then returns nothing for a lone digit at one size and reads it at another). With
 * `confirm`, an accepted read counts only if a read at a second size gives the same value:
 * for boxes no equality of the form can check (the station code, the voters on the list),
 * where a confident misread of handwriting would otherwise pass. Misreads are unstable
 * across sizes; printed digits read the same.
 */
export async function readBox<V>(
  r: TBoxReader,
  image: TGreyImage,
  h: THomography,
  box: TBox,
  judge: TJudge<V>,
  confirm: boolean,
): Promise<TVerdict<V>> {
  const crop = cropBox(image, h, box, r.crop);
  if (crop.kind !== 'ink') return { ok: false, reason: crop.kind };
  // What every read of this box saw: the relations may choose among it (choose-by-relations.ts).
  const seen: TSeenValue[] = [];
  const readAt = async (height: number) => {
    const verdict = judge(crop, await r.pool.readLine(await crop.render(height)), r.minConfidence);
    for (const v of verdict.seen ?? []) if (!seen.some((s) => s.value === v.value)) seen.push(v);
    return verdict;
  };
  // The value accepted, if any, leads: it is the line's best reading.
  const withSeen = (verdict: TVerdict<V>): TVerdict<V> => {
    if (seen.length === 0) return verdict;
    const lead = verdict.ok ? seen.filter((s) => s.value === verdict.value) : [];
    return { ...verdict, seen: [...lead, ...seen.filter((s) => !lead.includes(s))] };
  };
  let first: TVerdict<V> | undefined;
  for (const [i, height] of r.inkHeights.entries()) {
    const verdict = await readAt(height);
    if (!verdict.ok) {
      first ??= verdict;
      continue;
    }
    const other = r.inkHeights[i === 0 ? 1 : 0];
    if (!confirm || other === undefined) return withSeen(verdict);
    const second = await readAt(other);
    if (!second.ok || second.value !== verdict.value) return withSeen({ ok: false, reason: 'unstable' });
    return withSeen({ ...verdict, confidence: Math.min(verdict.confidence, second.confidence) });
  }
  return withSeen(first ?? { ok: false, reason: 'blank' });
}

// A station code as CrossTally prints it: digit groups joined by dashes ("03-045-0123").
const stationCodePattern = /^[0-9]+(?:-[0-9]+)*$/;

/** The station code: in the printed shape, confident, and with no character lost. */
export const judgeStationCode: TJudge<string> = (crop, raw, minConfidence) => {
  // Tesseract may put spaces around a dash; the printed code has none.
  const value = raw.text.replace(/\s+/g, '');
  const confidence = wordConfidence(raw);
  if (!stationCodePattern.test(value) || value.length < crop.glyphs) return { ok: false, reason: 'not-a-count' };
  if (confidence < minConfidence) return { ok: false, reason: 'low-confidence' };
  return { ok: true, value, confidence };
};
