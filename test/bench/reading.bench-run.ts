import { availableParallelism } from 'node:os';
import { compileFormTemplate, encodeProtocolQr, presidentialDefinition } from '@crosstally/shared';
import { it } from 'vitest';
import { makeWorkingImage } from '../../apps/worker/src/adapters/image.adapter.js';
import { createProtocolOcr } from '../../apps/worker/src/adapters/ocr/read-protocol.js';
import { readQrTexts } from '../../apps/worker/src/adapters/qr.adapter.js';
import { generatePhotoSet, type TLevel, type TSetPhoto } from '../support/photo-set/photo-set.js';

// Reading protocol photos per difficulty level, as the worker does (working copy, then QR or
// OCR): photos per second per core, lines read exactly, sent to people, wrong but confident.
// Figures are printed, never asserted. BENCH_PHOTOS sets photos per level (default 24).
const perLevel = Number(process.env.BENCH_PHOTOS ?? 24);
const levels: TLevel[] = ['clean', 'medium', 'hard'];
const { relations } = compileFormTemplate(presidentialDefinition);
const lineNumber = new Map(presidentialDefinition.form.lines.map((l) => [l.key, l.number]));

it('reads protocol photos', async () => {
  const ocr = await createProtocolOcr({ workers: 1 });
  const rows: string[] = [];
  try {
    for (const level of levels) {
      const withQr = await generatePhotoSet({
        seed: 5,
        count: perLevel,
        level,
        form: presidentialDefinition,
        withQr: true,
      });
      const plain = await generatePhotoSet({
        seed: 6,
        count: perLevel,
        level,
        form: presidentialDefinition,
        withQr: false,
      });
      rows.push(await measureQr(level, withQr), await measureOcr(level, plain, ocr));
    }
    rows.push(
      await measurePipeline(
        await generatePhotoSet({ seed: 7, count: 24, level: 'medium', form: presidentialDefinition, withQr: false }),
      ),
    );
  } finally {
    await ocr.close();
  }
  console.log(`\nreading protocol photos (${perLevel} per level and path, 1500×2000 JPEG, one core each unless said)`);
  console.log('path  level    photos/s/core  ms/photo  exact lines  to people  wrong but confident');
  for (const row of rows) console.log(row);
});

async function measureQr(level: TLevel, photos: TSetPhoto[]): Promise<string> {
  let read = 0;
  let qrMs = 0;
  const started = performance.now();
  for (const p of photos) {
    const working = await makeWorkingImage(p.photo, 1, 64e6);
    const t = performance.now();
    const texts = await readQrTexts(working.rgba);
    qrMs += performance.now() - t;
    const expected = encodeProtocolQr({
      election: presidentialDefinition.code,
      station: p.station,
      lines: byNumber(p.values),
    });
    if (texts.includes(expected)) read += 1;
  }
  const ms = (performance.now() - started) / photos.length;
  const share = (100 * read) / photos.length;
  return `qr    ${level.padEnd(7)}  ${(1000 / ms).toFixed(1).padStart(13)}  ${ms.toFixed(0).padStart(8)}  ${share.toFixed(1).padStart(10)} %          –  0 (checksummed)   QR decode alone ${(qrMs / photos.length).toFixed(0)} ms`;
}

async function measureOcr(
  level: TLevel,
  photos: TSetPhoto[],
  ocr: Awaited<ReturnType<typeof createProtocolOcr>>,
): Promise<string> {
  const lines = presidentialDefinition.form.lines;
  let exact = 0;
  let wrong = 0;
  let total = 0;
  const started = performance.now();
  for (const p of photos) {
    const working = await makeWorkingImage(p.photo, 1, 64e6);
    const reading = await ocr.read({ png: working.png, lines, relations });
    for (const line of lines) {
      total += 1;
      const got = reading?.lines[line.key];
      if (got === undefined) continue;
      if (got === p.values[line.key]) exact += 1;
      else wrong += 1;
    }
  }
  const ms = (performance.now() - started) / photos.length;
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)} %`;
  return `ocr   ${level.padEnd(7)}  ${(1000 / ms).toFixed(1).padStart(13)}  ${ms.toFixed(0).padStart(8)}  ${pct(exact).padStart(12)}  ${pct(total - exact - wrong).padStart(9)}  ${pct(wrong)}`;
}

/** Both cores: two photos at a time, each through the working copy and OCR, as the worker runs. */
async function measurePipeline(photos: TSetPhoto[]): Promise<string> {
  const cores = availableParallelism();
  const ocr = await createProtocolOcr({ workers: cores });
  const lines = presidentialDefinition.form.lines;
  let next = 0;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: cores }, async () => {
        while (next < photos.length) {
          const p = photos[next++]!;
          const working = await makeWorkingImage(p.photo, 1, 64e6);
          await ocr.read({ png: working.png, lines, relations });
        }
      }),
    );
  } finally {
    await ocr.close();
  }
  const perSecond = (photos.length * 1000) / (performance.now() - started);
  return `all cores (${cores}), medium, OCR path end to end: ${perSecond.toFixed(1)} protocols/s`;
}

function byNumber(values: Record<string, number>): Record<number, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [lineNumber.get(k)!, v]));
}
