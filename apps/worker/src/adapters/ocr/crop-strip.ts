/**
 * Several number crops side by side in one image, for one tesseract call. Each call has a
 * fixed cost (~5 ms of recognition setup, measured on an 8 × 8 blank) that was most of the
 * time a ~150 px crop took, and a protocol has ~17 crops read once or twice: one strip per
 * round reads the same printed digits for ~40 % of the CPU.
 */

/** One word tesseract found, where it is along the strip (pixels), with its hOCR details. */
export type TStripWord = { x0: number; x1: number; text: string; confidence: number; choices: TChoiceList[] };
type TChoiceList = { text: string; confidence: number }[];

export type TStrip = {
  /** A binary PGM, white between the crops. */
  image: Buffer;
  /** Where each crop sits along the strip, in the order given. */
  spans: { x0: number; x1: number }[];
};

/**
 * White between two crops, as a multiple of the strip's height. Tesseract splits words at
 * gaps it judges wide from the line's own statistics: on 112 printed crops at 72 px high, a
 * gap of 80 px split every crop apart and read all 112 as alone, 64 px merged whole strips
 * into one word. Three heights leaves room; a word that still spans two crops is caught by
 * splitStrip and those crops are read alone.
 */
const gapPerHeight = 3;

/** PGM crops (`P5`, 8-bit) joined left to right, each centred vertically. */
export function composeStrip(pgms: Buffer[]): TStrip {
  const crops = pgms.map(parsePgm);
  const height = Math.max(...crops.map((c) => c.height));
  const gap = Math.round(gapPerHeight * height);
  const width = crops.reduce((sum, c) => sum + c.width, 0) + gap * (crops.length - 1);
  const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1');
  const image = Buffer.alloc(header.length + width * height, 255);
  header.copy(image);
  const spans: TStrip['spans'] = [];
  let x = 0;
  for (const crop of crops) {
    const top = Math.floor((height - crop.height) / 2);
    for (let y = 0; y < crop.height; y += 1) {
      crop.pixels.copy(image, header.length + (top + y) * width + x, y * crop.width, (y + 1) * crop.width);
    }
    spans.push({ x0: x, x1: x + crop.width });
    x += crop.width + gap;
  }
  return { image, spans };
}

/**
 * The words of each crop, or null for a crop that shares a word with another (tesseract
 * read across the gap: what it made of either crop is not that crop's alone).
 */
export function splitStrip(words: TStripWord[], spans: TStrip['spans']): (TStripWord[] | null)[] {
  const parts: (TStripWord[] | null)[] = spans.map(() => []);
  for (const word of words) {
    const touched = spans.flatMap((s, i) => (word.x0 < s.x1 && word.x1 > s.x0 ? [i] : []));
    if (touched.length === 1) parts[touched[0]!]?.push(word);
    else for (const i of touched) parts[i] = null;
  }
  return parts;
}

function parsePgm(pgm: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, Math.min(pgm.length, 40)));
  if (!header) throw new Error('a crop for the strip is not an 8-bit binary PGM');
  const [width, height] = [Number(header[1]), Number(header[2])];
  const pixels = pgm.subarray(header[0].length);
  if (pixels.length !== width * height) throw new Error(`a ${width} × ${height} crop holds ${pixels.length} bytes`);
  return { width, height, pixels };
}
