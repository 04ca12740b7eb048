import { describe, expect, it } from 'vitest';
import { defaultCropOptions } from './crop-boxes.js';
import type { TGreyImage } from './grey-image.js';
import type { THomography } from './homography.js';
import { boxBatch, type TBoxReader, type TJudge } from './read-box.js';
import type { TCropText, TesseractPool } from './tesseract-pool.js';

// A white page with three boxes side by side, each holding one dark bar (ink to read), seen
// straight on: the layout's units are the image's pixels.
const page: TGreyImage = (() => {
  const [width, height] = [700, 100];
  const data = new Uint8Array(width * height).fill(255);
  for (const left of [60, 280, 500]) {
    for (let y = 35; y < 65; y += 1) data.fill(0, y * width + left, y * width + left + 12);
  }
  return { data, width, height };
})();
const straight: THomography = [1, 0, 0, 0, 1, 0, 0, 0, 1];
const boxes = [0, 220, 440].map((x) => ({ x: x + 10, y: 10, width: 200, height: 80 }));

/** Which ink height a rendered crop was made at (its PGM height is 1.8 times it). */
const inkHeightOf = (pgm: Buffer) =>
  Math.round(Number(/^P5\s+\d+\s+(\d+)/.exec(pgm.toString('latin1', 0, 20))![1]) / 1.8);

/**
 * A pool that answers from a script, by ink height and position, and logs each call: a
 * strip (`readLines`) or a crop alone (`readLine`).
 */
function scriptedPool(answer: (call: 'strip' | 'alone', inkHeight: number, index: number) => string) {
  const calls: string[] = [];
  const text = (t: string): TCropText => ({ text: t, wordConfidences: t ? [90] : [], wordChoices: [] });
  const pool: TesseractPool = {
    async readLine(image) {
      calls.push(`alone@${inkHeightOf(image)}`);
      return text(answer('alone', inkHeightOf(image), -1));
    },
    async readLines(images) {
      calls.push(`strip@${inkHeightOf(images[0]!)}×${images.length}`);
      return images.map((image, i) => text(answer('strip', inkHeightOf(image), i)));
    },
    close: async () => undefined,
  };
  return { pool, calls };
}

const digits: TJudge<number> = (_crop, text) =>
  /^[0-9]+$/.test(text.text) ? { ok: true, value: Number(text.text), confidence: 0.9 } : { ok: false, reason: 'blank' };

const reader = (pool: TesseractPool): TBoxReader => ({
  pool,
  crop: defaultCropOptions,
  inkHeights: [40, 32],
  minConfidence: 0.8,
});

describe('boxBatch', () => {
  it('reads all boxes in one strip, and a box the strip could not read alone, then at the next size', async () => {
    const { pool, calls } = scriptedPool((call, height, i) => {
      if (call === 'strip' && height === 40) return ['12', '', '7'][i]!;
      if (call === 'alone') return height === 40 ? '' : '9';
      return '9';
    });
    const batch = boxBatch(reader(pool), page, straight);
    const verdicts = boxes.map((box) => batch.add(box, digits, false));
    await batch.run();
    expect(await Promise.all(verdicts)).toMatchObject([
      { ok: true, value: 12 },
      { ok: true, value: 9 },
      { ok: true, value: 7 },
    ]);
    // The 32 px read of one box alone is a strip of one, which the pool reads alone.
    expect(calls).toEqual(['strip@40×3', 'alone@40', 'strip@32×1']);
  });

  it('confirms a box at a second size in a second strip, and calls a value that changes unstable', async () => {
    const { pool, calls } = scriptedPool((_call, height, i) => (height === 40 ? ['5', '61'][i]! : ['5', '67'][i]!));
    const batch = boxBatch(reader(pool), page, straight);
    const verdicts = boxes.slice(0, 2).map((box) => batch.add(box, digits, true));
    await batch.run();
    expect(await Promise.all(verdicts)).toMatchObject([
      { ok: true, value: 5 },
      { ok: false, reason: 'unstable' },
    ]);
    expect(calls).toEqual(['strip@40×2', 'strip@32×2']);
  });

  it('answers a box with no ink at once, without reading it', async () => {
    const { pool, calls } = scriptedPool(() => '1');
    const batch = boxBatch(reader(pool), page, straight);
    const blank = batch.add({ x: 0, y: 0, width: 50, height: 30 }, digits, false);
    await batch.run();
    expect(await blank).toEqual({ ok: false, reason: 'blank' });
    expect(calls).toEqual([]);
  });
});
