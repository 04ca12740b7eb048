import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { createScheduler, createWorker, OEM, PSM, type Scheduler } from 'tesseract.js';
import { composeStrip, splitStrip, type TStripWord } from './crop-strip.js';

/** One character tesseract read, with the characters it weighed there, best first (confidence 0–100). */
export type TSymbolChoices = { text: string; confidence: number }[];

/**
 * What tesseract made of one crop: its text, its word confidences (0–100, one per word) and,
 * per word, the choices it weighed for each character (empty when they could not be matched
 * to the word's characters).
 */
export type TCropText = { text: string; wordConfidences: number[]; wordChoices?: TSymbolChoices[][] };

export type TesseractPool = {
  /** Reads one number crop (an image file, already binarized and padded). */
  readLine(image: Buffer): Promise<TCropText>;
  /**
   * Reads several crops (binary PGMs) in one call, side by side in a strip (see
   * crop-strip.ts); a crop tesseract read together with its neighbour is read again alone.
   */
  readLines(images: Buffer[]): Promise<TCropText[]>;
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
          // The crops carry no resolution; without this tesseract warns and guesses.
          user_defined_dpi: '300',
          // The LSTM's other candidates per character, in the hOCR: what the form's relations
          // choose from when a line's best reading breaks them (see choose-by-relations.ts).
          // It changes no reading: 101 of 101 handwritten crops read the same with it.
          lstm_choice_mode: '2',
        });
        return worker;
      }),
    );
    for (const worker of workers) scheduler.addWorker(worker);
  } catch (error) {
    await scheduler.terminate();
    throw error;
  }

  const readLine = async (image: Buffer): Promise<TCropText> => {
    // The hOCR carries word confidences and the LSTM's choices (tesseract.js's blocks
    // carry no choices); tesseract.js returns text only otherwise.
    const { data } = await scheduler.addJob('recognize', image, {}, { hocr: true, text: true });
    return { text: data.text.trim(), ...parseHocrWords(data.hocr ?? '') };
  };
  return {
    readLine,
    async readLines(images) {
      if (images.length < 2) return Promise.all(images.map(readLine));
      const strip = composeStrip(images);
      const { data } = await scheduler.addJob('recognize', strip.image, {}, { hocr: true });
      const parts = splitStrip(hocrWords(data.hocr ?? ''), strip.spans);
      return Promise.all(parts.map(async (words, i) => (words ? cropText(words) : readLine(images[i]!))));
    },
    async close() {
      await scheduler.terminate();
    },
  };
}

function cropText(words: TStripWord[]): TCropText {
  return {
    text: words.map((w) => w.text).join(' '),
    wordConfidences: words.map((w) => w.confidence),
    wordChoices: words.map((w) => w.choices),
  };
}

const wordPattern = /^[^>]*title='bbox (\d+) \d+ (\d+) \d+; x_wconf (\d+(?:\.\d+)?)'[^>]*>([^<]*)/;
const choicePattern = /id='choice_[^']*' title='x_confs (\d+(?:\.\d+)?)'>([^<]*)</g;

/**
 * Word confidences and per-character choices from tesseract's hOCR. With lstm_choice_mode 2
 * each word is followed by one `lstm_choices` span per character holding its choices, best
 * first; a word whose spans do not match its characters one to one keeps no choices.
 */
export function parseHocrWords(hocr: string): { wordConfidences: number[]; wordChoices: TSymbolChoices[][] } {
  const words = hocrWords(hocr);
  return { wordConfidences: words.map((w) => w.confidence), wordChoices: words.map((w) => w.choices) };
}

/** The words of tesseract's hOCR, with where each lies along the line (see parseHocrWords). */
export function hocrWords(hocr: string): TStripWord[] {
  const words: TStripWord[] = [];
  for (const part of hocr.split("<span class='ocrx_word'").slice(1)) {
    const word = wordPattern.exec(part);
    if (!word) continue;
    const text = word[4]!.trim();
    const symbols = part
      .split("id='lstm_choices_")
      .slice(1)
      .map((group) => [...group.matchAll(choicePattern)].map((m) => ({ text: m[2]!, confidence: Number(m[1]) })));
    const matches = symbols.length === [...text].length && symbols.every((c, i) => c[0]?.text === [...text][i]);
    words.push({
      x0: Number(word[1]),
      x1: Number(word[2]),
      text,
      confidence: Number(word[3]),
      choices: matches ? symbols : [],
    });
  }
  return words;
}
