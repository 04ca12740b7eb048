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

/** A box read in a batch: its crop, how to judge it, and what each read of it gave. */
type TPending = {
  crop: TInkCrop;
  judge: TJudge<unknown>;
  confirm: boolean;
  /** The latest read at each ink height, and whether it was read alone or in a strip. */
  byHeight: Map<number, { verdict: TVerdict<unknown>; alone: boolean }>;
  /** What every read of this box saw: the relations may choose among it (choose-by-relations.ts). */
  seen: TSeenValue[];
  resolve: (verdict: TVerdict<unknown>) => void;
};

export type TBoxBatch = {
  /** Queues a box; its verdict arrives once `run` has read it. */
  add<V>(box: TBox, judge: TJudge<V>, confirm: boolean): Promise<TVerdict<V>>;
  /** Reads every box queued, in rounds: one tesseract call per ink height a round needs. */
  run(): Promise<void>;
};

/**
 * Reads boxes together. Each box is read at each ink height in turn until `judge` accepts
 * the text (tesseract now and then returns nothing for a lone digit at one size and reads
 * it at another). With `confirm`, an accepted read counts only if a read at a second size
 * gives the same value: for boxes no equality of the form can check (the station code, the
 * voters on the list), where a confident misread of handwriting would otherwise pass.
 * Misreads are unstable across sizes; printed digits read the same. All the boxes that need
 * the same size in a round go to tesseract as one strip (tesseract-pool.ts).
 */
export function boxBatch(r: TBoxReader, image: TGreyImage, h: THomography): TBoxBatch {
  let pending: TPending[] = [];
  return {
    add<V>(box: TBox, judge: TJudge<V>, confirm: boolean): Promise<TVerdict<V>> {
      const crop = cropBox(image, h, box, r.crop);
      if (crop.kind !== 'ink') return Promise.resolve({ ok: false, reason: crop.kind });
      return new Promise<TVerdict<V>>((resolve) => {
        pending.push({
          crop,
          judge,
          confirm,
          byHeight: new Map(),
          seen: [],
          resolve: resolve as (verdict: TVerdict<unknown>) => void,
        });
      });
    },
    async run() {
      for (;;) {
        const wanted = new Map<string, { read: TRead; boxes: TPending[] }>();
        pending = pending.filter((p) => {
          const next = decide(p, r.inkHeights);
          if ('verdict' in next) {
            p.resolve(next.verdict);
            return false;
          }
          const key = `${next.height}:${next.alone}`;
          wanted.set(key, { read: next, boxes: [...(wanted.get(key)?.boxes ?? []), p] });
          return true;
        });
        if (wanted.size === 0) return;
        await Promise.all([...wanted.values()].map(({ read, boxes }) => readAt(r, read, boxes)));
      }
    },
  };
}

/** A read a box needs next: at which ink height, and whether alone rather than in a strip. */
type TRead = { height: number; alone: boolean };

async function readAt(r: TBoxReader, read: TRead, boxes: TPending[]): Promise<void> {
  const images = boxes.map((p) => p.crop.render(read.height));
  const texts = read.alone
    ? await Promise.all(images.map((image) => r.pool.readLine(image)))
    : await r.pool.readLines(images);
  for (const [i, p] of boxes.entries()) {
    const verdict = p.judge(p.crop, texts[i]!, r.minConfidence);
    for (const v of verdict.seen ?? []) if (!p.seen.some((s) => s.value === v.value)) p.seen.push(v);
    p.byHeight.set(read.height, { verdict, alone: read.alone || boxes.length === 1 });
  }
}

/**
 * The box's verdict from the reads it has, or the read it needs next. A read in a strip
 * that is not accepted is made again alone at the same height before anything else: on
 * handwriting tesseract now and then reads a crop differently beside others (9 of 90 hard
 * crops), and alone is how every threshold here was measured.
 */
function decide(p: TPending, heights: number[]): { verdict: TVerdict<unknown> } | TRead {
  // The value accepted, if any, leads: it is the line's best reading.
  const withSeen = (verdict: TVerdict<unknown>) => {
    if (p.seen.length === 0) return { verdict };
    const lead = verdict.ok ? p.seen.filter((s) => s.value === verdict.value) : [];
    return { verdict: { ...verdict, seen: [...lead, ...p.seen.filter((s) => !lead.includes(s))] } };
  };
  const at = (height: number): TVerdict<unknown> | TRead => {
    const read = p.byHeight.get(height);
    if (!read) return { height, alone: false };
    if (!read.verdict.ok && !read.alone) return { height, alone: true };
    return read.verdict;
  };
  let first: TVerdict<unknown> | undefined;
  for (const [i, height] of heights.entries()) {
    const verdict = at(height);
    if ('height' in verdict) return verdict;
    if (!verdict.ok) {
      first ??= verdict;
      continue;
    }
    const other = heights[i === 0 ? 1 : 0];
    if (!p.confirm || other === undefined) return withSeen(verdict);
    const second = at(other);
    if ('height' in second) return second;
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
