import { layoutForForm, type TLayoutLine } from '@crosstally/shared';
import type { ProtocolOcr, TOcrReading } from '../ocr.adapter.js';
import { judgeLinesWithRelations } from './choose-by-relations.js';
import { defaultCropOptions, type TCropOptions } from './crop-boxes.js';
import { judgeLines, judgeText, type TLineVerdict, type TVerdict } from './judge-lines.js';
import { boxBatch, judgeStationCode, type TBoxReader } from './read-box.js';
import { asHomography } from './homography.js';
import { registerSheet } from './register-sheet.js';
import { createTesseractPool } from './tesseract-pool.js';

export type TProtocolOcrOptions = {
  /** Tesseract threads; one per core by default. */
  workers?: number;
  /** Lines (and the station code) read with less confidence (0–1) go to people. Default 0.8. */
  minConfidence?: number;
  /** See judgeLines: on by default; off reports lines whose equalities cannot be checked. */
  requireCorroboration?: boolean;
  /**
   * Let the form's relations choose among the values the OCR saw where the best readings
   * break them (see chooseByRelations). On by default; off to measure what it adds.
   */
  chooseByRelations?: boolean;
  crop?: TCropOptions;
  /**
   * Ink heights (px) tried in turn until a box reads acceptably. Tesseract's LSTM reads
   * printed digits best at ~40 px: at 60+ it dropped lone digits ("0" → nothing) and
   * doubled others ("03" → "033"), 352 of 360 crops right against 360 at 40 px; at 40 a
   * lone digit still comes back empty now and then, and reads at 32.
   */
  inkHeights?: number[];
};

/** Names the method in stored readings, so readings by a later reader can be told apart. */
export const ocrReaderName = 'tesseract:layout-v1';

/**
 * The OCR reader for CrossTally-printed protocols: find the corner marks, map the form's
 * layout onto the photo, cut out each number box upright and read it alone. Created once
 * per worker process (the tesseract threads are the cost), closed at shutdown.
 */
export async function createProtocolOcr(options: TProtocolOcrOptions = {}): Promise<ProtocolOcr> {
  const pool = await createTesseractPool(options.workers === undefined ? {} : { workers: options.workers });
  const minConfidence = options.minConfidence ?? 0.8;
  const judgeOptions = { minConfidence, requireCorroboration: options.requireCorroboration ?? true };
  const reader: TBoxReader = {
    pool,
    crop: options.crop ?? defaultCropOptions,
    inkHeights: options.inkHeights ?? [40, 32],
    minConfidence,
  };

  const locate: ProtocolOcr['locate'] = ({ image, lines }) => {
    const found = registerSheet(image, layoutForForm(lines));
    return found && { homography: [...found.homography], width: image.width, height: image.height };
  };
  return {
    locate,
    async read({ image, lines, relations = [], sheet }): Promise<TOcrReading | null> {
      const layout = layoutForForm(lines);
      const registration = sheet === undefined ? locate({ image, lines }) : sheet;
      const h = registration && asHomography(registration.homography);
      if (!h) return null;
      // Lines some equality checks are confirmed by it (judgeLines); the others by a second read.
      const checked = new Set(relations.filter((r) => r.op === 'eq').flatMap((r) => r.terms.map((t) => t.key)));
      const confirm = (key: string) => judgeOptions.requireCorroboration && !checked.has(key);
      const readLines = async (lines: TLayoutLine[], stationCode: boolean) => {
        const batch = boxBatch(reader, image, h);
        const code = stationCode ? batch.add(layout.stationCodeBox, judgeStationCode, true) : null;
        const verdicts = lines.map(async (line) => ({
          key: line.key,
          verdict: await batch.add(line.valueBox, judgeText, confirm(line.key)),
        }));
        await batch.run();
        return { code: await code, verdicts: await Promise.all(verdicts) };
      };
      const judge = (verdicts: { key: string; verdict: TLineVerdict }[]) =>
        options.chooseByRelations === false
          ? { ...judgeLines(verdicts, relations, judgeOptions), byRelations: [] as string[] }
          : judgeLinesWithRelations(verdicts, relations, judgeOptions);
      const first = (
        await readLines(
          layout.lines.filter((l) => checked.has(l.key)),
          false,
        )
      ).verdicts;
      let judged = judge(first);
      // The station code and the lines no equality checks count only on a sheet whose checked
      // lines all hold (see below and judgeLines), and each costs two reads: read only then.
      let code: TVerdict<string> | null = null;
      const others = layout.lines.filter((l) => !checked.has(l.key));
      if (judged.sheetChecked) {
        const rest = await readLines(others, true);
        code = rest.code;
        const order = new Map(layout.lines.map((l, i) => [l.key, i]));
        judged = judge([...first, ...rest.verdicts].sort((a, b) => order.get(a.key)! - order.get(b.key)!));
      } else {
        for (const line of others) judged.unread[line.key] = 'uncorroborated';
      }
      const confidences = Object.values(judged.lineConfidence);
      // Nothing confident to report: the whole photo waits for people, as with no reader.
      if (confidences.length === 0) return null;
      // No relation checks the station code: like the voters on the list, it is trusted only
      // when read the same at two sizes on a sheet whose lines all check out.
      const station = code?.ok && judged.sheetChecked ? code : null;
      return {
        reader: ocrReaderName,
        stationCode: station?.value ?? null,
        lines: judged.lines,
        confidence: Math.min(...confidences),
        lineConfidence: judged.lineConfidence,
        lineMethod: Object.fromEntries(
          Object.keys(judged.lines).map((key) => [key, judged.byRelations.includes(key) ? 'ocr+relations' : 'ocr']),
        ),
        unread: judged.unread,
        ...(station ? { stationCodeConfidence: station.confidence } : {}),
      };
    },
    close: () => pool.close(),
  };
}
