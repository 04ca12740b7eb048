import { availableParallelism } from 'node:os';
import { compileFormTemplate, encodeProtocolQr, presidentialDefinition } from '@crosstally/shared';
import sharp from 'sharp';
import { it } from 'vitest';
import { makeWorkingImage } from '../../apps/worker/src/adapters/image.adapter.js';
import type { ProtocolOcr } from '../../apps/worker/src/adapters/ocr.adapter.js';
import { createProtocolOcr } from '../../apps/worker/src/adapters/ocr/read-protocol.js';
import { readQrTexts } from '../../apps/worker/src/adapters/qr.adapter.js';
import { generatePhotoSet, type TLevel, type TSetPhoto } from '../support/photo-set/photo-set.js';
import { pipelineRate, type TPipelineScope } from './reading-pipeline.js';

// Reading protocol photos per difficulty level, as the worker does (working copy, then QR or
// OCR): photos per second per core, lines read exactly, sent to people, wrong but confident.
// Figures are printed, never asserted. BENCH_PHOTOS sets photos per level (default 24).
// CPU ms/photo counts every thread of this process (tesseract's too): on a machine shared
// with other work it moves less than wall-clock time does.
const perLevel = Number(process.env.BENCH_PHOTOS ?? 24);
const levels: TLevel[] = ['clean', 'medium', 'hard'];
const { relations } = compileFormTemplate(presidentialDefinition);
const lines = presidentialDefinition.form.lines;
const lineNumber = new Map(lines.map((l) => [l.key, l.number]));

it('reads protocol photos', async () => {
  const ocr = await createProtocolOcr({ workers: 1 });
  // The same reader without the relations choosing among the OCR's alternatives (hard only).
  const plainOcr = await createProtocolOcr({ workers: 1, chooseByRelations: false });
  const rows: string[] = [];
  // Each row is printed as soon as it is measured too: a run cut short still tells something.
  const row = (line: string) => {
    rows.push(line);
    console.log(line);
  };
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
      // The baseline, just before the level's rows: a bare decode of the same photos to grey.
      const decodeMs = await measureDecode([...withQr, ...plain]);
      row(
        `${'bare decode'.padEnd(16)}  ${level.padEnd(7)}  ${(1000 / decodeMs).toFixed(1).padStart(13)}  ${decodeMs.toFixed(0).padStart(8)}  ${'1.0'.padStart(9)}`,
      );
      row(await measureQr(level, withQr, decodeMs));
      row(await measureOcr(level, plain, ocr, decodeMs));
      if (level === 'hard') row(await measureOcr(level, plain, plainOcr, decodeMs, 'ocr-no-relations'));
    }
    const pipelineSet = await generatePhotoSet({
      seed: 7,
      count: 24,
      level: 'medium',
      form: presidentialDefinition,
      withQr: false,
    });
    row(await measurePipeline(pipelineSet, 'reader'));
    row(await measurePipeline(pipelineSet, 'job'));
  } finally {
    await Promise.all([ocr.close(), plainOcr.close()]);
  }
  console.log(`\nreading protocol photos (${perLevel} per level and path, 1500×2000 JPEG, one core each unless said)`);
  console.log('× decode: time per photo as a multiple of a bare JPEG decode of the same photos, measured just before');
  console.log(
    'path              level    photos/s/core  ms/photo   × decode  CPU ms/photo  exact lines  to people  wrong but confident',
  );
  for (const line of rows) console.log(line);
  // A machine shared with other work can take several times the ~4 minutes this takes alone.
}, 1_800_000);

/** Wall-clock and CPU (all threads of this process) time of `run`, per photo. */
async function timed(count: number, run: () => Promise<void>): Promise<{ ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { ms: (performance.now() - started) / count, cpuMs: (used.user + used.system) / 1000 / count };
}

const speed = (t: { ms: number; cpuMs: number }, decodeMs: number) =>
  `${(1000 / t.ms).toFixed(1).padStart(13)}  ${t.ms.toFixed(0).padStart(8)}  ${(t.ms / decodeMs).toFixed(1).padStart(9)}  ${t.cpuMs.toFixed(0).padStart(12)}`;

/** Milliseconds per photo to decode it to grey pixels with sharp, and nothing else. */
async function measureDecode(photos: TSetPhoto[]): Promise<number> {
  const t = await timed(photos.length, async () => {
    for (const p of photos) await sharp(p.photo).grayscale().raw().toBuffer();
  });
  return t.ms;
}

async function measureQr(level: TLevel, photos: TSetPhoto[], decodeMs: number): Promise<string> {
  let read = 0;
  let qrMs = 0;
  const t = await timed(photos.length, async () => {
    for (const p of photos) {
      const working = await makeWorkingImage(p.photo, 1, 64e6);
      const started = performance.now();
      const texts = await readQrTexts(working.grey);
      qrMs += performance.now() - started;
      const expected = encodeProtocolQr({
        election: presidentialDefinition.code,
        station: p.station,
        lines: byNumber(p.values),
      });
      if (texts.includes(expected)) read += 1;
    }
  });
  const share = (100 * read) / photos.length;
  return `${'qr'.padEnd(16)}  ${level.padEnd(7)}  ${speed(t, decodeMs)}  ${share.toFixed(1).padStart(10)} %          –  0 (checksummed)   QR decode alone ${(qrMs / photos.length).toFixed(0)} ms`;
}

async function measureOcr(
  level: TLevel,
  photos: TSetPhoto[],
  ocr: ProtocolOcr,
  decodeMs: number,
  path = 'ocr',
): Promise<string> {
  let [exact, wrong, total, byRelations, byRelationsWrong] = [0, 0, 0, 0, 0];
  const t = await timed(photos.length, async () => {
    for (const p of photos) {
      const working = await makeWorkingImage(p.photo, 1, 64e6);
      const reading = await ocr.read({ image: working.grey, lines, relations });
      for (const line of lines) {
        total += 1;
        const got = reading?.lines[line.key];
        if (got === undefined) continue;
        const right = got === p.values[line.key];
        if (right) exact += 1;
        else wrong += 1;
        if (reading?.lineMethod?.[line.key] === 'ocr+relations') {
          byRelations += 1;
          if (!right) byRelationsWrong += 1;
        }
      }
    }
  });
  const pct = (n: number) => `${((100 * n) / total).toFixed(1)} %`;
  const chosen = byRelations > 0 ? `   chosen by relations ${pct(byRelations)} (${byRelationsWrong} wrong)` : '';
  return `${path.padEnd(16)}  ${level.padEnd(7)}  ${speed(t, decodeMs)}  ${pct(exact).padStart(11)}  ${pct(total - exact - wrong).padStart(9)}  ${pct(wrong)}${chosen}`;
}

/** Every core, as the worker runs by default (see pipelineRate). */
async function measurePipeline(photos: TSetPhoto[], scope: TPipelineScope): Promise<string> {
  const { perSecond, cpuMsPerPhoto } = await pipelineRate(
    photos.map((p) => p.photo),
    scope,
  );
  const what = scope === 'reader' ? 'working copy + OCR' : 'as the job: + QR attempt';
  return `all cores (${availableParallelism()}), medium, ${what}: ${perSecond.toFixed(1)} protocols/s (CPU ${cpuMsPerPhoto.toFixed(0)} ms/photo)`;
}

function byNumber(values: Record<string, number>): Record<number, number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [lineNumber.get(k)!, v]));
}
