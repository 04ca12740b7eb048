import { crc32 } from './crc32.js';
import { readExifOrientation } from './exif-orientation.js';
import { accept, reject, StripInputError, type TImageGeometry, type TInspection } from './image-types.js';
import { fourcc, PNG_SIGNATURE_LENGTH, sniffImageType } from './sniff-image-type.js';

/*
 * PNG inspection and lossless metadata removal. Every chunk's length and CRC is verified,
 * because a chunk that lies about its length is how parsers get tricked into reading the
 * wrong bytes; stripping then copies whole verified chunks, so IDAT is untouched.
 */

const IHDR = fourcc('IHDR');
const PLTE = fourcc('PLTE');
const IDAT = fourcc('IDAT');
const IEND = fourcc('IEND');
const EXIF = fourcc('eXIf');
const MAX_U31 = 0x7fffffff; // PNG caps lengths and dimensions at 2^31-1

/**
 * Chunks that affect how pixels decode or display, and nothing else. Text, time, eXIf,
 * iCCP (profile names often carry device and user names), pHYs and unknown ancillary
 * chunks are dropped. APNG frames go too: an evidence photo is a still image.
 */
const KEPT = new Set(['IHDR', 'PLTE', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'IDAT', 'IEND'].map(fourcc));

type TPngChunk = { type: number; start: number; end: number };
type TPngLayout = TImageGeometry & { chunks: TPngChunk[] };

function isLetter(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a);
}

function parsePngLayout(buf: Buffer): TInspection<TPngLayout> {
  if (sniffImageType(buf) !== 'image/png') return reject('malformed', 'the PNG signature is damaged.');
  const chunks: TPngChunk[] = [];
  let size: { width: number; height: number } | null = null;
  let orientation: TImageGeometry['orientation'] | null = null;
  let sawImageData = false;
  let pos = PNG_SIGNATURE_LENGTH;

  for (;;) {
    if (pos + 8 > buf.length) return reject('truncated', 'the PNG ends before its IEND chunk.');
    const length = buf.readUInt32BE(pos);
    const type = buf.readUInt32BE(pos + 4);
    if (length > MAX_U31) return reject('malformed', 'the PNG has a chunk with an impossible length.');
    const dataStart = pos + 8;
    const dataEnd = dataStart + length;
    const end = dataEnd + 4;
    if (end > buf.length) return reject('truncated', 'the PNG ends inside a chunk.');
    for (let i = 4; i < 8; i++) {
      if (!isLetter(buf[pos + i] ?? 0)) return reject('malformed', 'the PNG has a chunk with an invalid type.');
    }
    if (crc32(buf, pos + 4, dataEnd) !== buf.readUInt32BE(dataEnd)) {
      return reject('malformed', 'the PNG has a chunk whose checksum does not match.');
    }

    if (size === null) {
      if (type !== IHDR || length !== 13) return reject('malformed', 'the PNG does not start with an IHDR chunk.');
      const width = buf.readUInt32BE(dataStart);
      const height = buf.readUInt32BE(dataStart + 4);
      if (width === 0 || height === 0) return reject('malformed', 'the PNG declares a zero width or height.');
      if (width > MAX_U31 || height > MAX_U31) return reject('malformed', 'the PNG declares an impossible size.');
      size = { width, height };
    } else if (type === IHDR) {
      return reject('malformed', 'the PNG has more than one IHDR chunk.');
    } else if (type === IDAT) {
      sawImageData = true;
    } else if (type === EXIF && orientation === null) {
      orientation = readExifOrientation(buf, dataStart, dataEnd);
    } else if ((buf[pos + 4] ?? 0) < 0x61 && type !== PLTE && type !== IEND) {
      // Uppercase first letter = critical: decoders must refuse what they do not know, and
      // the stripper would otherwise silently drop something the pixels depend on.
      return reject('malformed', 'the PNG has an unknown critical chunk.');
    }

    chunks.push({ type, start: pos, end });
    pos = end;
    if (type === IEND) {
      if (!sawImageData) return reject('malformed', 'the PNG has no image data.');
      return accept({ ...size, orientation: orientation ?? 1, chunks });
    }
  }
}

export function inspectPng(buf: Buffer): TInspection<TImageGeometry> {
  const layout = parsePngLayout(buf);
  if (!layout.ok) return layout;
  const { width, height, orientation } = layout.value;
  return accept({ width, height, orientation });
}

export function stripPng(buf: Buffer): Buffer {
  const layout = parsePngLayout(buf);
  if (!layout.ok) throw new StripInputError('image/png', layout.error.message);
  // Bytes after IEND are dropped along with the unlisted chunks.
  const pieces: Buffer[] = [buf.subarray(0, PNG_SIGNATURE_LENGTH)];
  for (const chunk of layout.value.chunks) {
    if (KEPT.has(chunk.type)) pieces.push(buf.subarray(chunk.start, chunk.end));
  }
  return Buffer.concat(pieces);
}
