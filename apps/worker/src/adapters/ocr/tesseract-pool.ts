import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createScheduler, createWorker, OEM, PSM, type Scheduler } from 'tesseract.js';

/** What tesseract made of one crop: its text and its word confidences (0–100, one per word). */
export type TCropText = { text: string; wordConfidences: number[] };

export type TesseractPool = {
  /** Reads one number crop (a PNG already binarized and padded). */
  readLine(png: Buffer): Promise<TCropText>;
  close(): Promise<void>;
};

/**
 * The crops hold digits only, except the station code, which has dashes ("03-045-0123").
 * Tesseract parameters belong to a worker, not a job, so one whitelist serves both: a dash
 * read in a value box makes parseCount reject it, which sends the line to people — the safe
 * direction for a stray mark.
 */
export const cropCharacters = '0123456789-';

/**
 * Language data from the npm package, never from the CDN: offline, a CDN fetch throws inside
 * the worker thread where no try/catch reaches it. `4.0.0_best_int` is LSTM-only, small
 * (2.9 MB) and starts faster than the package's default file while reading the same.
 */
function languagePath(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');
}

/**
 * One scheduler for the worker process, created at boot and reused for every crop: each
 * tesseract thread costs 120–140 MB and about a second to start, so never one per photo.
 */
export async function createTesseractPool(options: { workers?: number } = {}): Promise<TesseractPool> {
  const count = Math.max(1, options.workers ?? availableParallelism());
  const langPath = languagePath();
  const scheduler: Scheduler = createScheduler();
  try {
    const workers = await Promise.all(
      Array.from({ length: count }, async () => {
        // cacheMethod 'none': otherwise tesseract.js writes eng.traineddata into the cwd.
        const worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
        await worker.setParameters({
          tessedit_char_whitelist: cropCharacters,
          // A crop is one printed number: a single line. Whole-page layout analysis loses
          // bordered tables entirely (measured: 0–8 of 12 numbers).
          tessedit_pageseg_mode: PSM.SINGLE_LINE,
          // sharp's PNGs carry no resolution; without this tesseract warns and guesses.
          user_defined_dpi: '300',
        });
        return worker;
      }),
    );
    for (const worker of workers) scheduler.addWorker(worker);
  } catch (error) {
    await scheduler.terminate();
    throw error;
  }

  return {
    async readLine(png) {
      // blocks: true is what carries word confidences (tesseract.js returns text only otherwise).
      const { data } = await scheduler.addJob('recognize', png, {}, { blocks: true, text: true });
      const words = (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words)));
      return { text: data.text.trim(), wordConfidences: words.map((w) => w.confidence) };
    },
    async close() {
      await scheduler.terminate();
    },
  };
}
