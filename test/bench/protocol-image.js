// A photo of a printed protocol carrying the CrossTally QR, for the upload-to-flag scenario:
// the approach of test/support/protocol-image.ts (sharp + encodeProtocolQr +
// renderProtocolQrSvg), upright only: title, station, numbered lines with their values, and
// the QR at 6 px per module, as a JPEG.
import { encodeProtocolQr, renderProtocolQrSvg } from '@crosstally/shared';
import sharp from 'sharp';

const PX_PER_MODULE = 6;

/** @param {string} s */
const escapeXml = (s) =>
  s.replace(
    /[<>&'"]/g,
    (c) =>
      /** @type {Record<string, string>} */ ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[
        c
      ] ?? c,
  );

/**
 * @param {{ election: string, station: string, lines: Record<number, number>, width?: number, height?: number }} spec
 *   lines: protocol line number → value
 * @returns {Promise<Buffer>} a JPEG
 */
export async function renderProtocolPhoto(spec) {
  const width = spec.width ?? 1240;
  const height = spec.height ?? 1754;
  const font = `font-family="DejaVu Sans" fill="#1a1a1a"`;
  const rows = Object.entries(spec.lines)
    .map(([n, v]) => /** @type {const} */ ([Number(n), v]))
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
  const text = encodeProtocolQr({ election: spec.election, station: spec.station, lines: spec.lines });
  const modules = Number(/viewBox="0 0 (\d+) /.exec(await renderProtocolQrSvg(text))?.[1]);
  const size = modules * PX_PER_MODULE;
  const qr = await sharp(Buffer.from(await renderProtocolQrSvg(text, { size })))
    .png()
    .toBuffer();
  return sharp(sheet)
    .composite([{ input: qr, left: width - size - 60, top: height - size - 60 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}
