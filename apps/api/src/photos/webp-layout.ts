import { readExifOrientation } from './exif-orientation.js';
import { accept, reject, type TImageGeometry, type TInspection } from './image-types.js';
import { fourcc, sniffImageType } from './sniff-image-type.js';

/*
 * Walks a WebP RIFF container and reads the dimensions the decoder will actually use.
 * For the extended format (VP8X) the canvas size is cross-checked against the bitstream,
 * as libwebp does, so a small declared canvas cannot hide a huge frame from the pixel limit.
 */

export const VP8 = fourcc('VP8 ');
export const VP8L = fourcc('VP8L');
export const VP8X = fourcc('VP8X');
export const ANMF = fourcc('ANMF');
const EXIF = fourcc('EXIF');
const RIFF_HEADER = 12; // "RIFF" + size + "WEBP"
export const VP8X_ANIMATION = 0x02;

export type TWebpChunk = { id: number; start: number; dataStart: number; dataEnd: number };
export type TWebpLayout = TImageGeometry & { chunks: TWebpChunk[] };
type TSize = { width: number; height: number };

function bitstreamSize(buf: Buffer, chunk: TWebpChunk): TInspection<TSize> {
  const at = chunk.dataStart;
  const length = chunk.dataEnd - at;
  if (chunk.id === VP8) {
    if (length < 10) return reject('malformed', 'the WebP lossy header is too short.');
    // Bit 0 of the frame tag is 0 for key frames; a still image must start with one.
    if ((buf[at] ?? 1) & 1) return reject('malformed', 'the WebP lossy data does not start with a key frame.');
    if (buf[at + 3] !== 0x9d || buf[at + 4] !== 0x01 || buf[at + 5] !== 0x2a) {
      return reject('malformed', 'the WebP lossy start code is missing.');
    }
    // The top two bits are upscaling hints, not part of the size.
    const width = buf.readUInt16LE(at + 6) & 0x3fff;
    const height = buf.readUInt16LE(at + 8) & 0x3fff;
    if (width === 0 || height === 0) return reject('malformed', 'the WebP declares a zero width or height.');
    return accept({ width, height });
  }
  if (length < 5 || buf[at] !== 0x2f) return reject('malformed', 'the WebP lossless header is damaged.');
  const bits = buf.readUInt32LE(at + 1);
  if (bits >>> 29 !== 0) return reject('malformed', 'the WebP lossless data has an unknown version.');
  return accept({ width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 });
}

function readChunks(buf: Buffer): TInspection<TWebpChunk[]> {
  if (sniffImageType(buf) !== 'image/webp') return reject('malformed', 'the WebP header is damaged.');
  const riffSize = buf.readUInt32LE(4);
  if (riffSize < 4) return reject('malformed', 'the WebP declares an impossible size.');
  const riffEnd = 8 + riffSize;
  if (riffEnd > buf.length) return reject('truncated', 'the WebP ends before the size its header declares.');

  const chunks: TWebpChunk[] = [];
  let pos = RIFF_HEADER;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) return reject('malformed', 'the WebP has a chunk header cut off by its declared size.');
    const dataStart = pos + 8;
    const dataEnd = dataStart + buf.readUInt32LE(pos + 4);
    if (dataEnd > riffEnd) return reject('malformed', 'the WebP has a chunk longer than the file.');
    chunks.push({ id: buf.readUInt32BE(pos), start: pos, dataStart, dataEnd });
    // Chunks are padded to even length; a missing pad byte at the very end is tolerated.
    pos = dataEnd + ((dataEnd - dataStart) & 1);
  }
  return accept(chunks);
}

export function parseWebpLayout(buf: Buffer): TInspection<TWebpLayout> {
  const read = readChunks(buf);
  if (!read.ok) return read;
  const chunks = read.value;
  const first = chunks[0];
  if (first === undefined) return reject('malformed', 'the WebP contains no image data.');

  if (first.id === VP8 || first.id === VP8L) {
    const size = bitstreamSize(buf, first);
    return size.ok ? accept({ ...size.value, orientation: 1, chunks }) : size;
  }
  if (first.id !== VP8X) return reject('malformed', 'the WebP starts with an unknown chunk.');
  if (first.dataEnd - first.dataStart < 10) return reject('malformed', 'the WebP extended header is too short.');

  const flags = buf[first.dataStart] ?? 0;
  const width = buf.readUIntLE(first.dataStart + 4, 3) + 1;
  const height = buf.readUIntLE(first.dataStart + 7, 3) + 1;
  const exif = chunks.find((c) => c.id === EXIF);
  const orientation = exif ? readExifOrientation(buf, exif.dataStart, exif.dataEnd) : 1;

  if (flags & VP8X_ANIMATION) {
    // Frames are bounded by the canvas, which is what the pixel limit sees.
    if (!chunks.some((c) => c.id === ANMF)) return reject('malformed', 'the animated WebP has no frames.');
    return accept({ width, height, orientation, chunks });
  }
  const image = chunks.find((c) => c.id === VP8 || c.id === VP8L);
  if (image === undefined) return reject('malformed', 'the WebP contains no image data.');
  const size = bitstreamSize(buf, image);
  if (!size.ok) return size;
  if (size.value.width !== width || size.value.height !== height) {
    return reject('malformed', 'the WebP canvas size differs from its image size.');
  }
  return accept({ width, height, orientation, chunks });
}
