import { compileFormTemplate, layoutForForm, presidentialDefinition, type TBox } from '@crosstally/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkingImage } from '../../../apps/worker/src/adapters/image.adapter.js';
import type { TGreyImage } from '../../../apps/worker/src/adapters/ocr/grey-image.js';
import type { ProtocolOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { createProtocolOcr } from '../../../apps/worker/src/adapters/ocr/read-protocol.js';
import { generatePhotoSet, type TLevel } from '../../support/photo-set/photo-set.js';

/**
 * Measures the OCR reader on clean printed sheets photographed a little turned and at phone
 * scale, through the worker's own working-image step. The figure that must stay at zero is
 * "wrong but confident": a number reported as read that is not the printed one.
 */
const form = compileFormTemplate(presidentialDefinition);
const layout = layoutForForm(form.lines);
const sheetCount = 24;
const photoSetCount = 16;

type TSheet = { station: string; values: Record<string, number> };

function rng(seed: number): (lo: number, hi: number) => number {
  let s = seed >>> 0;
  return (lo, hi) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return lo + Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * (hi - lo + 1));
  };
}

/** Random values for which every relation of the presidential form holds. */
function drawSheet(seed: number): TSheet {
  const r = rng(seed);
  const voters = r(300, 3000);
  const received = voters - r(0, 120);
  const tookPart = Math.floor((received * r(35, 95)) / 100);
  const early = r(0, Math.floor(tookPart / 3));
  const home = seed % 5 === 0 ? 0 : r(0, Math.floor(tookPart / 20));
  const parts = [tookPart];
  const take = (share: number) => {
    const v = r(0, Math.floor(parts[0]! * share));
    parts[0]! -= v;
    return v;
  };
  const [c1, c2, c3, c4, c5, against] = [0.5, 0.6, 0.3, 0.4, 0.2, 0.3].map(take) as number[];
  const invalid = parts[0]!;
  const values = {
    voters_on_list: voters,
    received,
    issued_early: early,
    issued_home: home,
    issued_day: tookPart - early - home,
    took_part: tookPart,
    votes_adamovich: c1!,
    votes_barysevich: c2!,
    votes_hrynevich: c3!,
    votes_dubovik: c4!,
    votes_karpovich: c5!,
    against_all: against!,
    invalid,
    unused: received - tookPart,
  };
  const station = `${String(r(1, 7)).padStart(2, '0')}-${String(r(1, 120)).padStart(3, '0')}-${String(r(1, 999)).padStart(4, '0')}`;
  return { station, values };
}

const font = 'font-family="DejaVu Sans" fill="#111"';
const rect = (b: TBox, extra: string) =>
  `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" ${extra}/>`;
const centred = (b: TBox, text: string | number, size: number) =>
  `<text x="${b.x + b.width / 2}" y="${b.y + b.height / 2 + size * 0.36}" font-size="${size}" text-anchor="middle" ${font}>${text}</text>`;

/** A clean printed sheet, drawn from the shared layout at `pxPerUnit`. */
async function renderCleanSheet(sheet: TSheet, pxPerUnit: number): Promise<Buffer> {
  const rows = layout.lines.map((line, i) => {
    const label = form.lines[i]!.label.en;
    return (
      `<text x="${line.labelBox.x}" y="${line.labelBox.y + line.labelBox.height * 0.7}" font-size="22" ${font}>${line.number}. ${label}</text>` +
      rect(line.valueBox, 'fill="none" stroke="#222" stroke-width="2"') +
      centred(line.valueBox, sheet.values[line.key]!, Math.round(line.valueBox.height * 0.62))
    );
  });
  const { width, height } = layout.page;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width * pxPerUnit}" height="${height * pxPerUnit}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#fbfaf5"/>` +
    layout.fiducials.map((f) => rect(f, 'fill="#000"')).join('') +
    centred(layout.titleBox, 'PROTOCOL of the precinct commission', 30) +
    `<text x="120" y="${layout.stationCodeBox.y + 40}" font-size="24" ${font}>Station</text>` +
    rect(layout.stationCodeBox, 'fill="none" stroke="#222" stroke-width="2"') +
    centred(layout.stationCodeBox, sheet.station, 34) +
    rows.join('') +
    rect(layout.qrBox, 'fill="#ddd"') +
    rect(layout.signatureBox, 'fill="none" stroke="#222" stroke-width="1"') +
    `</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Like a phone photo: turned a little, on a table, 3024 × 4032 JPEG. */
async function photograph(sheetPng: Buffer, angle: number, fill: number): Promise<Buffer> {
  const turned = await sharp(sheetPng).rotate(angle, { background: '#5a5248' }).png().toBuffer();
  const meta = await sharp(turned).metadata();
  const [fw, fh] = [3024, 4032];
  const scale = Math.min((fw * fill) / meta.width!, (fh * fill) / meta.height!);
  const [w, h] = [Math.round(meta.width! * scale), Math.round(meta.height! * scale)];
  const resized = await sharp(turned).resize(w, h).png().toBuffer();
  const left = Math.floor((fw - w) / 2);
  const top = Math.floor((fh - h) / 2);
  return sharp(resized)
    .extend({ left, top, right: fw - w - left, bottom: fh - h - top, background: '#5a5248' })
    .jpeg({ quality: 88 })
    .toBuffer();
}

type TCase = { image: TGreyImage; station: string; values: Record<string, number> };
type TTally = { lines: number; exact: number; toPeople: number; wrong: number; codeWrong: number };

/** Reads every case and prints the figures; returns the counts to assert on. */
async function measure(ocr: ProtocolOcr, cases: TCase[], name: string): Promise<TTally> {
  const t: TTally = { lines: 0, exact: 0, toPeople: 0, wrong: 0, codeWrong: 0 };
  let codesRight = 0;
  let ms = 0;
  for (const { image, station, values } of cases) {
    const started = performance.now();
    const reading = await ocr.read({ image, lines: form.lines, relations: form.relations });
    ms += performance.now() - started;
    for (const [key, value] of Object.entries(values)) {
      t.lines += 1;
      const read = reading?.lines[key];
      if (read === undefined) t.toPeople += 1;
      else if (read === value) t.exact += 1;
      else t.wrong += 1;
    }
    if (reading?.stationCode === station) codesRight += 1;
    else if (reading?.stationCode) t.codeWrong += 1;
  }
  const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`;
  console.log(
    `[ocr ${name}] sheets ${cases.length} · lines ${t.lines} · exact ${pct(t.exact, t.lines)} · to people ` +
      `${pct(t.toPeople, t.lines)} · wrong-but-confident ${pct(t.wrong, t.lines)} · ` +
      `${(ms / cases.length).toFixed(0)} ms/sheet · station code ${pct(codesRight, cases.length)} right, ` +
      `${t.codeWrong} wrong`,
  );
  return t;
}

/** The generator's photos through the worker's working-image step. */
async function photoSetCases(level: TLevel, count: number): Promise<TCase[]> {
  const set = await generatePhotoSet({ seed: 2024, count, level, form: presidentialDefinition, withQr: true });
  const cases: TCase[] = [];
  for (const photo of set) {
    const working = await makeWorkingImage(photo.photo, 1, 100_000_000);
    cases.push({ image: working.grey, station: photo.station, values: photo.values });
  }
  return cases;
}

describe('protocol OCR', () => {
  let ocr: ProtocolOcr;
  beforeAll(async () => {
    ocr = await createProtocolOcr({});
  });
  afterAll(async () => ocr?.close());

  it('reads clean sheets photographed turned and scaled, and never reports a wrong number', async () => {
    const cases: TCase[] = [];
    for (let i = 0; i < sheetCount; i += 1) {
      const sheet = drawSheet(1000 + i);
      const r = rng(7 + i);
      const angle = r(-300, 300) / 100;
      const photo = await photograph(await renderCleanSheet(sheet, 2.4), angle, r(72, 92) / 100);
      const working = await makeWorkingImage(photo, 1, 100_000_000);
      cases.push({ image: working.grey, ...sheet });
    }
    const t = await measure(ocr, cases, 'clean sheets');
    expect(t.wrong).toBe(0);
    expect(t.codeWrong).toBe(0);
    expect(t.exact / t.lines).toBeGreaterThanOrEqual(0.95);
  }, 300_000);

  // The photo-set generator's levels: turned up to 8° and 15°, tilted, shadowed, blurred,
  // noisy, another page in view; 'hard' is filled in by hand. Printed for the record: the
  // only promise there is that a number reported is almost never wrong.
  it.each(['clean', 'medium', 'hard'] as const)(
    'photo set, %s: wrong-but-confident stays under one percent',
    async (level) => {
      const t = await measure(ocr, await photoSetCases(level, photoSetCount), `photo set ${level}`);
      expect(t.wrong / t.lines).toBeLessThan(0.01);
      if (level === 'clean') expect(t.wrong).toBe(0);
    },
    300_000,
  );

  it('sends the lines of a relation broken on paper to people, and infers nothing', async () => {
    const honest = drawSheet(77);
    const broken = { ...honest, values: { ...honest.values, took_part: honest.values.took_part! + 10 } };
    const photo = await photograph(await renderCleanSheet(broken, 2.4), 1.5, 0.85);
    const working = await makeWorkingImage(photo, 1, 100_000_000);
    const reading = await ocr.read({ image: working.grey, lines: form.lines, relations: form.relations });
    // took_part breaks both equalities it is in, which drops their lines; the last equality
    // is then incomplete, and nothing is left to report: the whole sheet goes to people.
    expect(reading).toBeNull();
  });

  it('returns null for a photo without the corner marks', async () => {
    const blank = { data: new Uint8Array(1500 * 2000).fill(238), width: 1500, height: 2000 };
    expect(await ocr.read({ image: blank, lines: form.lines, relations: form.relations })).toBeNull();
  });
});
