import type { TSheetRegistration, TStoredFormLine, TStoredRelation } from '@crosstally/shared';
import type { TGreyImage } from './ocr/grey-image.js';

/** Why a line of the form is missing from a reading: each one goes to people. */
export type TOcrUnreadReason =
  /** Nothing written in the box, or the box could not be cut out cleanly. */
  | 'blank'
  | 'cut'
  /** The text is not a count (parseCount refused it). */
  | 'not-a-count'
  /** The text has fewer digits than the box has separate characters: a digit dropped. */
  | 'glyph-count'
  /** Read, but below the confidence bar. */
  | 'low-confidence'
  /** Read at two sizes (a line no equality can check) and the two reads differ. */
  | 'unstable'
  /** Read confidently, but the lines read break a control relation this line is part of. */
  | 'relation-broken'
  /**
   * Read confidently, but not checked: none of its equalities could be checked complete, or
   * (a line no equality checks) the sheet's other lines did not all check out.
   */
  | 'uncorroborated';

export type TOcrLineMethod = 'ocr' | 'ocr+relations';

export type TOcrReading = {
  reader: string;
  stationCode: string | null;
  /** Only the lines the reader is confident in; every other line is left to people. */
  lines: Record<string, number>;
  /** The lowest of `lineConfidence`: a reading is as good as its weakest number. */
  confidence: number;
  /** Optional, per line in `lines`: 0–1. Readers that cannot tell (QR) leave it out. */
  lineConfidence?: Record<string, number>;
  /**
   * Optional, per line in `lines`: 'ocr' when the box's reading was confident and checked
   * by the relations; 'ocr+relations' when the relations chose it among the values the OCR
   * saw in the box (its confidence is then what the OCR gave that value).
   */
  lineMethod?: Record<string, TOcrLineMethod>;
  /** Optional: the lines left out and why, for the people who enter them. */
  unread?: Record<string, TOcrUnreadReason>;
  /** Optional: the confidence of `stationCode` (0–1). */
  stationCodeConfidence?: number;
};

/**
 * The seam where OCR plugs in. It reads the worker's grey working copy as raw pixels (no
 * PNG encoded for it or decoded again). A reader returns a reading it is confident in, or null: a
 * photo no reader can read waits for people (double entry), it is never guessed.
 * `relations` (optional) are the form's control relations: with them a reader drops lines
 * whose values break a relation instead of reporting them.
 */
export interface ProtocolOcr {
  /**
   * Optional: where the printed sheet lies in the image, or null when it is not found.
   * Given to `read` as `sheet`, it is not looked for again.
   */
  locate?(input: { image: TGreyImage; lines: TStoredFormLine[] }): TSheetRegistration | null;
  read(input: {
    image: TGreyImage;
    lines: TStoredFormLine[];
    relations?: TStoredRelation[];
    sheet?: TSheetRegistration | null;
  }): Promise<TOcrReading | null>;
  close(): Promise<void>;
}

/** Reads nothing, so unreadable photos are marked for people (tests, and OCR switched off). */
export const noOcr: ProtocolOcr = {
  read: async () => null,
  close: async () => undefined,
};
