import {
  encodeProtocolQr,
  layoutForForm,
  pageHeight,
  pageWidth,
  renderProtocolQrSvg,
  type TBox,
  type TElectionDefinition,
  type TProtocolLayout,
} from '@crosstally/shared';
import sharp from 'sharp';
import { handwrittenNumberSvg, randomHandwriting, smoothPath, type TPoint } from './handwritten-digits.js';
import type { TRawImage } from './photograph.js';
import { Prng } from './prng.js';

export type TSheetLanguage = 'be' | 'ru';

/** What a commission prints (and, at the hard level, fills in by hand). */
export type TSheetSpec = {
  definition: Pick<TElectionDefinition, 'code' | 'name' | 'form'>;
  station: string;
  /** Line key → value; every line of the form must have one. */
  values: Readonly<Record<string, number>>;
  language: TSheetLanguage;
  /** 'boxed': the value in a printed box; 'dots': after a dotted leader. */
  valueStyle: 'boxed' | 'dots';
  /** 'handwritten': the printed form is filled in with a pen (values and station code). */
  digits: 'printed' | 'handwritten';
  /** The CrossTally QR of these numbers in the layout's qrBox. */
  qr: boolean;
  /** Pixels per layout unit: 2 gives 2000 × 2828. */
  scale?: number;
  /** Drives the handwriting, the signatures and the stamp. */
  seed?: number;
};

/** The sheet as the commission posts it, upright and clean, as a PNG of round(1000·scale) × round(1414·scale). */
export async function renderSheet(spec: TSheetSpec): Promise<Buffer> {
  return sharp(Buffer.from(await sheetSvg(spec)))
    .flatten({ background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The same sheet as raw RGB: what photograph() samples, without a PNG round trip. */
export async function renderSheetRaw(spec: TSheetSpec): Promise<TRawImage> {
  return svgToRaw(await sheetSvg(spec));
}

export async function svgToRaw(svg: string): Promise<TRawImage> {
  const { data, info } = await sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const ink = '#1c1c1c';
const font = `font-family="DejaVu Sans"`;

const text = {
  be: {
    title: 'ПРАТАКОЛ',
    subtitle: 'участковай камісіі аб выніках галасавання',
    chair: 'Старшыня камісіі',
    secretary: 'Сакратар камісіі',
    stamp: 'УЧАСТКОВАЯ КАМІСІЯ ПА ВЫБАРАХ',
    seal: 'М.П.',
  },
  ru: {
    title: 'ПРОТОКОЛ',
    subtitle: 'участковой комиссии об итогах голосования',
    chair: 'Председатель комиссии',
    secretary: 'Секретарь комиссии',
    stamp: 'УЧАСТКОВАЯ КОМИССИЯ ПО ВЫБОРАМ',
    seal: 'М.П.',
  },
} as const;

export const stationLabel = 'Участак / Участок №';

/** The sheet as SVG in layout units (viewBox 1000 × 1414), sized in pixels by the scale. */
export async function sheetSvg(spec: TSheetSpec): Promise<string> {
  const scale = spec.scale ?? 2;
  const layout = layoutForForm(spec.definition.form.lines);
  const rng = Prng.derive('sheet', spec.seed ?? 1, spec.station);
  const hand = randomHandwriting(rng);
  const words = text[spec.language];
  const paper = `rgb(${rng.int(246, 252)},${rng.int(244, 250)},${rng.int(236, 246)})`;
  const parts: string[] = [`<rect width="${pageWidth}" height="${pageHeight}" fill="${paper}"/>`];

  for (const f of layout.fiducials) parts.push(rect(f, `fill="#000"`));

  // Title and election.
  const t = layout.titleBox;
  const heading = `${words.title} ${words.subtitle}`;
  parts.push(
    textAt(heading, t.x + t.width / 2, t.y + 28, fitSize(heading, t.width, 24, 0.66), 'middle', 'font-weight="bold"'),
  );
  const election = spec.definition.name[spec.language];
  parts.push(textAt(election, t.x + t.width / 2, t.y + 60, fitSize(election, t.width, 21), 'middle'));

  // Station: the label before the box, the code alone in the box.
  const s = layout.stationCodeBox;
  parts.push(textAt(stationLabel, s.x - 14, s.y + s.height / 2 + 8, 22, 'end'));
  parts.push(rect(s, `fill="none" stroke="${ink}" stroke-width="2.5"`));
  if (spec.digits === 'handwritten') {
    parts.push(handwrittenNumberSvg(spec.station, inset(s, 4), hand, rng, { maxWidth: 0.92 }));
  } else {
    parts.push(textAt(spec.station, s.x + s.width / 2, s.y + s.height / 2 + 12, 34, 'middle', 'letter-spacing="2"'));
  }

  // The numbered lines.
  const labels = new Map(spec.definition.form.lines.map((l) => [l.key, l.label[spec.language]]));
  for (const line of layout.lines) {
    const value = spec.values[line.key];
    if (value === undefined) throw new RangeError(`no value for line ${line.key}`);
    parts.push(...lineSvg(line, labels.get(line.key) ?? line.key, String(value), spec, hand, rng));
  }

  // The QR, nested as its own SVG so that it fills the box exactly.
  if (spec.qr) {
    const lines = Object.fromEntries(
      spec.definition.form.lines.map((l) => [l.number, spec.values[l.key] ?? 0]),
    ) as Record<number, number>;
    const payload = encodeProtocolQr({ election: spec.definition.code, station: spec.station, lines });
    const q = layout.qrBox;
    // Printed on the same paper: the symbol's white becomes the paper's colour.
    const qr = (await renderProtocolQrSvg(payload))
      .replace(/^<svg /, `<svg x="${q.x}" y="${q.y}" width="${q.width}" height="${q.height}" `)
      .replace('fill="#ffffff"', `fill="${paper}"`);
    parts.push(qr);
  }

  parts.push(signaturesSvg(layout, words, rng, hand.ink));

  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(pageWidth * scale)}" ` +
    `height="${Math.round(pageHeight * scale)}" viewBox="0 0 ${pageWidth} ${pageHeight}">${parts.join('')}</svg>`
  );
}

function lineSvg(
  line: TProtocolLayout['lines'][number],
  label: string,
  value: string,
  spec: TSheetSpec,
  hand: ReturnType<typeof randomHandwriting>,
  rng: Prng,
): string[] {
  const l = line.labelBox;
  const v = line.valueBox;
  const baseline = l.y + l.height * 0.66;
  const labelSize = fitSize(label, l.width - 52, 21);
  const out = [
    textAt(`${line.number}.`, l.x + 4, baseline, 21),
    textAt(label, l.x + 46, baseline, labelSize),
    // The table rule under the row.
    `<line x1="${l.x}" y1="${l.y + l.height + 3}" x2="${v.x + v.width}" y2="${l.y + l.height + 3}" stroke="#8a8a8a" stroke-width="0.8"/>`,
  ];
  const handwritten = spec.digits === 'handwritten';
  const valueSize = Math.min(30, v.height * 0.62);
  const printedWidth = textWidth(value) * valueSize;
  if (spec.valueStyle === 'boxed') {
    out.push(rect(v, `fill="none" stroke="${ink}" stroke-width="2"`));
  } else {
    // Dots from the end of the label to the number; a blank to fill by hand is dots all the way.
    const from = Math.min(l.x + 52 + textWidth(label) * labelSize + 10, v.x - 20);
    const to = handwritten ? v.x + v.width - 4 : v.x + v.width - 24 - printedWidth;
    const y = handwritten ? v.y + v.height * 0.86 : baseline;
    out.push(
      `<line x1="${from.toFixed(1)}" y1="${y.toFixed(1)}" x2="${to.toFixed(1)}" y2="${y.toFixed(1)}" stroke="${ink}" ` +
        `stroke-width="2.2" stroke-linecap="round" stroke-dasharray="0.1 6.5"/>`,
    );
  }
  if (handwritten) {
    out.push(handwrittenNumberSvg(value, inset(v, 3), hand, rng, { align: rng.pick(['centre', 'right', 'left']) }));
  } else {
    out.push(textAt(value, v.x + v.width - 14, v.y + v.height / 2 + valueSize * 0.36, valueSize, 'end'));
  }
  return out;
}

/** Two signatures on their lines and a round stamp, all inside the signature box. */
function signaturesSvg(layout: TProtocolLayout, words: (typeof text)[TSheetLanguage], rng: Prng, pen: string): string {
  const b = layout.signatureBox;
  const out: string[] = [];
  const rows = [
    { label: words.chair, y: b.y + 50 },
    { label: words.secretary, y: b.y + 140 },
  ];
  for (const row of rows) {
    out.push(textAt(row.label, b.x + 8, row.y, 17));
    const x1 = b.x + 230;
    const x2 = b.x + b.width - 10;
    out.push(`<line x1="${x1}" y1="${row.y + 4}" x2="${x2}" y2="${row.y + 4}" stroke="${ink}" stroke-width="1"/>`);
    out.push(scribble(x1 + rng.range(10, 60), row.y - 4, rng.range(110, 200), rng.range(22, 34), rng, pen));
  }
  out.push(textAt(words.seal, b.x + 8, b.y + 95, 15));
  // The stamp: wholly inside the box, wherever the hand put it.
  const r = rng.range(52, 64);
  const cx = rng.range(b.x + 120 + r, b.x + b.width - r - 4);
  const cy = rng.range(b.y + r + 4, b.y + b.height - r - 4);
  out.push(stampSvg(cx, cy, r, words.stamp, rng));
  return out.join('');
}

function scribble(x: number, y: number, width: number, height: number, rng: Prng, pen: string): string {
  const points: TPoint[] = [];
  const loops = rng.int(3, 6);
  const n = loops * 4 + 2;
  for (let i = 0; i <= n; i += 1) {
    const phase = (i / n) * loops * 2 * Math.PI;
    const px = x + (i / n) * width + Math.cos(phase) * rng.range(4, 12);
    const py = y - Math.sin(phase) * height * rng.range(0.2, 0.5) + rng.signed(3);
    points.push([px, py]);
  }
  return `<path d="${smoothPath(points)}" fill="none" stroke="${pen}" stroke-width="${rng.range(1.4, 2.4).toFixed(2)}" stroke-linecap="round"/>`;
}

function stampSvg(cx: number, cy: number, r: number, ring: string, rng: Prng): string {
  const colour = rng.pick(['#3b3fa8', '#4a3a9a', '#2f4aa0', '#5a3f8f']);
  const opacity = rng.range(0.45, 0.8).toFixed(2);
  const turn = rng.range(0, 360);
  const label = `${ring} • `;
  const chars = [...label];
  const size = Math.min(11, (2 * Math.PI * (r - 12)) / (chars.length * 0.72));
  const letters = chars.map((ch, i) => {
    const a = (i / chars.length) * 360;
    return (
      `<text x="0" y="${-(r - 8 - size * 0.75)}" transform="rotate(${a.toFixed(1)})" font-size="${size.toFixed(1)}" ` +
      `text-anchor="middle" ${font} fill="${colour}">${escapeXml(ch)}</text>`
    );
  });
  return (
    `<g transform="translate(${cx.toFixed(1)} ${cy.toFixed(1)}) rotate(${turn.toFixed(1)})" opacity="${opacity}">` +
    `<circle r="${r.toFixed(1)}" fill="none" stroke="${colour}" stroke-width="2.6"/>` +
    `<circle r="${(r - 5).toFixed(1)}" fill="none" stroke="${colour}" stroke-width="1"/>` +
    `<circle r="${(r * 0.5).toFixed(1)}" fill="none" stroke="${colour}" stroke-width="1.6"/>` +
    letters.join('') +
    `<text x="0" y="5" font-size="${(r * 0.22).toFixed(1)}" text-anchor="middle" ${font} font-weight="bold" fill="${colour}">№ ${rng.int(1, 99)}</text>` +
    `</g>`
  );
}

export type TNextPageSpec = { seed: number; scale?: number; language: TSheetLanguage };

/** A continuation page (PNG): a ruled table of numbers, no corner marks (it is not the protocol a reader should lock on). */
export async function renderNextPage(options: TNextPageSpec): Promise<Buffer> {
  return sharp(Buffer.from(nextPageSvg(options)))
    .flatten({ background: '#ffffff' })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export async function renderNextPageRaw(options: TNextPageSpec): Promise<TRawImage> {
  return svgToRaw(nextPageSvg(options));
}

export function nextPageSvg(options: TNextPageSpec): string {
  const scale = options.scale ?? 2;
  const rng = Prng.derive('next-page', options.seed);
  const paper = `rgb(${rng.int(240, 250)},${rng.int(240, 248)},${rng.int(232, 244)})`;
  const parts = [`<rect width="${pageWidth}" height="${pageHeight}" fill="${paper}"/>`];
  const heading = options.language === 'be' ? 'Дадатак да пратакола' : 'Приложение к протоколу';
  parts.push(textAt(heading, pageWidth / 2, 110, 26, 'middle', 'font-weight="bold"'));
  const columns = [60, 130, 520, 700, 860, 940];
  const top = 150;
  const rowHeight = rng.range(38, 50);
  const rows = Math.floor((pageHeight - 120 - top) / rowHeight);
  for (let i = 0; i <= rows; i += 1) {
    const y = top + i * rowHeight;
    parts.push(
      `<line x1="${columns[0]}" y1="${y}" x2="${columns.at(-1)}" y2="${y}" stroke="${ink}" stroke-width="1.4"/>`,
    );
    if (i === rows) continue;
    parts.push(textAt(String(i + 1), columns[0]! + 12, y + rowHeight * 0.66, 18));
    const name = `${rng.pick(rowNames[options.language])} № ${rng.int(1, 120)}`;
    parts.push(textAt(name, columns[1]! + 12, y + rowHeight * 0.66, 16));
    for (let c = 2; c < columns.length - 1; c += 1) {
      parts.push(textAt(String(rng.int(0, 999)), columns[c + 1]! - 12, y + rowHeight * 0.66, 19, 'end'));
    }
  }
  for (const x of columns) {
    parts.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + rows * rowHeight}" stroke="${ink}" stroke-width="1.4"/>`,
    );
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(pageWidth * scale)}" ` +
    `height="${Math.round(pageHeight * scale)}" viewBox="0 0 ${pageWidth} ${pageHeight}">${parts.join('')}</svg>`
  );
}

const rowNames = {
  be: ['Участковая камісія', 'Участак', 'Скрыня', 'Акт'],
  ru: ['Участковая комиссия', 'Участок', 'Ящик', 'Акт'],
} as const;

function rect(b: TBox, attributes: string): string {
  return `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" ${attributes}/>`;
}

function inset(b: TBox, by: number): TBox {
  return { x: b.x + by, y: b.y + by, width: b.width - 2 * by, height: b.height - 2 * by };
}

function textAt(
  content: string,
  x: number,
  y: number,
  size: number,
  anchor: 'start' | 'middle' | 'end' = 'start',
  extra = '',
): string {
  return (
    `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size.toFixed(1)}" text-anchor="${anchor}" ` +
    `${font} fill="${ink}" ${extra}>${escapeXml(content)}</text>`
  );
}

/** An estimate of a DejaVu Sans string's advance, in em: enough to fit a label to its box. */
export function textWidth(content: string): number {
  let em = 0;
  for (const ch of content) {
    if (/[0-9]/.test(ch)) em += 0.636;
    else if (ch === ' ') em += 0.318;
    else if (/[.,:;!'’/|()-]/.test(ch)) em += 0.36;
    else if (/[ШЩЖМЮЫшщжмюы]/.test(ch)) em += 0.85;
    else if (ch === ch.toUpperCase() && ch !== ch.toLowerCase()) em += 0.7;
    else em += 0.6;
  }
  return em;
}

function fitSize(content: string, width: number, size: number, boldFactor = 1): number {
  return Math.min(size, width / (textWidth(content) * boldFactor * 1.02));
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}
