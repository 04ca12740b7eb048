import { readExifOrientation, hasExifPrefix } from './exif-orientation.js';
import { accept, reject, type TImageGeometry, type TInspection } from './image-types.js';

/*
 * One pass over a JPEG that both inspectImage and stripMetadata rely on, so the stripper
 * can never disagree with the validator about where segments are.
 *
 * Before the first SOS we walk length-prefixed segments. After it we scan the entropy-coded
 * data the way a decoder does: 0xFF is always followed by 0x00 (byte stuffing), RSTn or
 * fill 0xFF inside entropy data, so any other 0xFFxx is a real marker. This finds the true
 * EOI in progressive files (DHT/SOS segments between scans) and stops at the first EOI,
 * so data phones append after it (MPF depth maps, motion-photo video, vendor trailers)
 * is accepted but never mistaken for image data. Buffer.indexOf keeps the scan native.
 */

export type TJpegSegment = {
  marker: number;
  /** Offset of the first 0xFF (fill included) before the marker code. */
  start: number;
  /** Offset just past the segment payload. */
  end: number;
};

export type TJpegLayout = TImageGeometry & {
  /** Length-prefixed segments before, between and including the SOS headers. */
  segments: TJpegSegment[];
  /** Offset just past the first EOI that follows the scan data. */
  end: number;
};

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP1 = 0xe1;
const TEM = 0x01;

/** SOF0..SOF15, minus the three markers that share the 0xC? range but are not frames. */
export function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function isRestart(marker: number): boolean {
  return marker >= 0xd0 && marker <= 0xd7;
}

export function parseJpegLayout(buf: Buffer): TInspection<TJpegLayout> {
  const len = buf.length;
  if (len < 4 || buf[0] !== 0xff || buf[1] !== SOI) return reject('truncated', 'the JPEG ends inside its header.');

  const segments: TJpegSegment[] = [];
  let size: { width: number; height: number } | null = null;
  let orientation: TImageGeometry['orientation'] | null = null;
  let inScan = false;
  let pos = 2;

  for (;;) {
    if (inScan) {
      const next = buf.indexOf(0xff, pos);
      if (next === -1) return reject('truncated', 'the JPEG ends before its end-of-image marker.');
      pos = next;
    } else if (pos >= len) {
      return reject('truncated', 'the JPEG ends before its image data.');
    } else if (buf[pos] !== 0xff) {
      return reject('malformed', 'the JPEG has garbage where a marker segment should start.');
    }

    // Any run of 0xFF is fill; the marker code is the first non-0xFF byte after it. The
    // segment starts at the first 0xFF so dropping it cannot leave a stray 0xFF behind that
    // would turn the next data byte into a marker.
    const start = pos;
    while (pos < len && buf[pos] === 0xff) pos++;
    if (pos >= len) return reject('truncated', 'the JPEG ends in the middle of a marker.');
    const marker = buf[pos] ?? 0;
    pos++;

    if (inScan && (marker === 0x00 || isRestart(marker))) continue;
    if (marker === EOI) {
      if (!inScan) return reject('malformed', 'the JPEG ends before any image data.');
      return size === null
        ? reject('malformed', 'the JPEG has no frame header.')
        : accept({ ...size, orientation: orientation ?? 1, segments, end: pos });
    }
    if (marker === SOI) return reject('malformed', 'the JPEG has a second start-of-image marker.');
    if (marker === TEM || isRestart(marker)) continue; // standalone, no length field
    if (marker === 0x00) return reject('malformed', 'the JPEG has an invalid marker.');

    if (pos + 2 > len) return reject('truncated', 'the JPEG ends inside a segment header.');
    const length = buf.readUInt16BE(pos);
    if (length < 2) return reject('malformed', 'the JPEG has a segment with an impossible length.');
    const end = pos + length;
    if (end > len) return reject('truncated', 'the JPEG ends inside a segment.');

    if (isStartOfFrame(marker)) {
      // Decoders refuse a second frame header; accepting it would let the size we check
      // differ from the size that gets decoded.
      if (size !== null) return reject('malformed', 'the JPEG has more than one frame header.');
      if (length < 8) return reject('malformed', 'the JPEG frame header is too short.');
      const height = buf.readUInt16BE(pos + 3);
      const width = buf.readUInt16BE(pos + 5);
      // Height 0 would defer the size to a DNL marker; nothing we accept writes that.
      if (width === 0 || height === 0) return reject('malformed', 'the JPEG declares a zero width or height.');
      size = { width, height };
    } else if (marker === APP1 && orientation === null && hasExifPrefix(buf, pos + 2, end)) {
      orientation = readExifOrientation(buf, pos + 2, end);
    } else if (marker === SOS) {
      if (size === null) return reject('malformed', 'the JPEG has image data before its frame header.');
      inScan = true;
    }

    segments.push({ marker, start, end });
    pos = end;
  }
}
