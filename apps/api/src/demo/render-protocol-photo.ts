import { encodeProtocolQr, renderProtocolQrSvg } from '@crosstally/shared';
import sharp from 'sharp';

export type TProtocolPhotoSpec = {
  election: string;
  station: string;
  /** Protocol line number → value, printed one per row. */
  lines: Record<number, number>;
  /** true: the CrossTally QR of these numbers; a string: that raw text (another format); false: none. */
  qr: boolean | string;
  width?: number;
  height?: number;
  /** A small tilt of the sheet in the photo, in degrees. */
  rotate?: number;
  /** EXIF orientation 1..8: the pixels are stored turned so that a viewer honouring it shows the sheet upright. */
  orientation?: number;
};

// What each EXIF orientation asks a viewer to do to show the photo upright: turn clockwise,
// then mirror. The stored pixels are the inverse: mirror, then the opposite turn.
const turns: Record<number, { angle: number; flop: boolean }> = {
  1: { angle: 0, flop: false },
  2: { angle: 0, flop: true },
  3: { angle: 180, flop: false },
  4: { angle: 180, flop: true },
  5: { angle: 90, flop: true },
  6: { angle: 90, flop: false },
  7: { angle: 270, flop: true },
  8: { angle: 270, flop: false },
};

const pxPerModule = 6;

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/**
 * A photo of a printed protocol: title, station code, numbered lines with their values and,
 * optionally, the protocol QR at a size a phone resolves (6 px per module), as a JPEG.
 */
export async function renderProtocolPhoto(spec: TProtocolPhotoSpec): Promise<Buffer> {
  const width = spec.width ?? 1240;
  const height = spec.height ?? 1754;
  const font = `font-family="DejaVu Sans" fill="#1a1a1a"`;
  const rows = Object.entries(spec.lines)
    .map(([n, v]) => [Number(n), v] as const)
    .sort(([a], [b]) => a - b)
    .map(
      ([n, v], i) =>
        `<text x="90" y="${330 + i * 64}" font-size="30" ${font}>${n}. Line ${n}</text>` +
        `<line x1="330" y1="${330 + i * 64}" x2="${width - 260}" y2="${330 + i * 64}" stroke="#999" stroke-dasharray="3 7"/>` +
        `<text x="${width - 90}" y="${330 + i * 64}" font-size="34" text-anchor="end" ${font}>${v}</text>`,
    )
    .join('');
  const sheet = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="100%" height="100%" fill="#f6f4ee"/>` +
      `<text x="${width / 2}" y="110" font-size="44" font-weight="bold" text-anchor="middle" ${font}>PROTOCOL</text>` +
      `<text x="${width / 2}" y="170" font-size="28" text-anchor="middle" ${font}>${escapeXml(spec.election)}</text>` +
      `<text x="90" y="240" font-size="32" ${font}>Station ${escapeXml(spec.station)}</text>` +
      rows +
      `</svg>`,
  );
  const layers: sharp.OverlayOptions[] = [];
  if (spec.qr !== false) {
    const text =
      spec.qr === true
        ? encodeProtocolQr({ election: spec.election, station: spec.station, lines: spec.lines })
        : spec.qr;
    const modules = Number(/viewBox="0 0 (\d+) /.exec(await renderProtocolQrSvg(text))?.[1]);
    const size = modules * pxPerModule;
    const qr = await sharp(Buffer.from(await renderProtocolQrSvg(text, { size })))
      .png()
      .toBuffer();
    layers.push({ input: qr, left: width - size - 60, top: height - size - 60 });
  }
  let upright = await sharp(sheet).composite(layers).png().toBuffer();
  if (spec.rotate) {
    upright = await sharp(upright).rotate(spec.rotate, { background: '#6b6b6b' }).png().toBuffer();
  }
  const turn = turns[spec.orientation ?? 1] ?? turns[1]!;
  const mirrored = turn.flop ? await sharp(upright).flop().png().toBuffer() : upright;
  const stored = sharp(mirrored).rotate((360 - turn.angle) % 360);
  const jpeg = stored.jpeg({ quality: 85 });
  return spec.orientation ? jpeg.withMetadata({ orientation: spec.orientation }).toBuffer() : jpeg.toBuffer();
}
