import { accept, StripInputError, type TImageGeometry, type TInspection } from './image-types.js';
import { fourcc } from './sniff-image-type.js';
import { parseWebpLayout, VP8X } from './webp-layout.js';

/*
 * WebP inspection and lossless metadata removal. The container is rebuilt from the kept
 * chunks (copied verbatim), so the RIFF size and VP8X flags must be rewritten to match.
 */

/**
 * Allowlist rather than dropping only EXIF/XMP/ICCP: unknown chunks are ignored by
 * decoders, so keeping them buys nothing and could carry vendor metadata.
 */
const KEPT = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF'].map(fourcc));

// VP8X flag bits announcing the chunks we drop; a set flag without its chunk is invalid.
const FLAG_ICC = 0x20;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;

export function inspectWebp(buf: Buffer): TInspection<TImageGeometry> {
  const layout = parseWebpLayout(buf);
  if (!layout.ok) return layout;
  const { width, height, orientation } = layout.value;
  return accept({ width, height, orientation });
}

export function stripWebp(buf: Buffer): Buffer {
  const layout = parseWebpLayout(buf);
  if (!layout.ok) throw new StripInputError('image/webp', layout.error.message);
  const kept = layout.value.chunks.filter((c) => KEPT.has(c.id));

  // Each chunk is header + payload + pad byte to even length, written even where the
  // input omitted the pad at its very end.
  const padded = (c: { dataStart: number; dataEnd: number }): number => {
    const size = c.dataEnd - c.dataStart;
    return 8 + size + (size & 1);
  };
  const total = 12 + kept.reduce((sum, c) => sum + padded(c), 0);
  const out = Buffer.alloc(total); // zero-filled, so pad bytes are already 0
  buf.copy(out, 0, 0, 12);
  out.writeUInt32LE(total - 8, 4);

  let pos = 12;
  for (const chunk of kept) {
    buf.copy(out, pos, chunk.start, chunk.dataEnd);
    if (chunk.id === VP8X) out[pos + 8] = (out[pos + 8] ?? 0) & ~(FLAG_ICC | FLAG_EXIF | FLAG_XMP);
    pos += padded(chunk);
  }
  return out;
}
