import type { TStoredFormLine } from '@crosstally/shared';

export type TOcrReading = {
  reader: string;
  stationCode: string | null;
  lines: Record<string, number>;
  confidence: number;
};

/**
 * The seam where OCR plugs in (tesseract.js against the form template comes with the OCR
 * issue). A reader returns a reading it is confident in, or null: a photo no reader can read
 * waits for people (double entry), it is never guessed.
 */
export interface ProtocolOcr {
  read(input: { png: Buffer; lines: TStoredFormLine[] }): Promise<TOcrReading | null>;
  close(): Promise<void>;
}

/** Until OCR lands: reads nothing, so unreadable photos are marked for people. */
export const noOcr: ProtocolOcr = {
  read: async () => null,
  close: async () => undefined,
};
