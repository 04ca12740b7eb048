import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, it, expect, beforeAll } from 'vitest';
import { inspectImage, stripMetadata, type TImageRejection } from './index.js';

/*
 * Hostile-input properties: whatever bytes arrive, inspectImage answers with a Result
 * (never throws), and whatever it accepts, stripMetadata handles without throwing and
 * yields a file that is accepted again with the same size and is a fixed point.
 */

const LIMITS = { maxPixels: 1e8 };
const CODES: Array<TImageRejection['code']> = ['unsupported_type', 'truncated', 'too_many_pixels', 'malformed'];
const EXIF = { IFD0: { Make: 'PhoneCo' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 54/1 0/1' } };

type TMutation =
  | { kind: 'set'; at: number; value: number }
  | { kind: 'setU32'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; count: number };

// Half the offsets land in the first 300 bytes, where headers and lengths live.
const offset = fc.oneof(fc.nat({ max: 300 }), fc.nat());
const mutation: fc.Arbitrary<TMutation> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: offset, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('setU32' as const),
    at: offset,
    value: fc.constantFrom(0, 1, 2, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: offset, bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: offset, count: fc.integer({ min: 1, max: 16 }) }),
);

function mutate(seed: Buffer, mutations: TMutation[]): Buffer {
  let buf = Buffer.from(seed);
  for (const m of mutations) {
    if (buf.length === 0) break;
    const at = m.at % buf.length;
    if (m.kind === 'set') buf[at] = m.value;
    else if (m.kind === 'setU32') {
      if (buf.length >= 4) buf.writeUInt32BE(m.value, Math.min(at, buf.length - 4));
    } else if (m.kind === 'cut') buf = buf.subarray(0, at);
    else if (m.kind === 'insert') buf = Buffer.concat([buf.subarray(0, at), m.bytes, buf.subarray(at)]);
    else buf = Buffer.concat([buf.subarray(0, at), buf.subarray(at + m.count)]);
  }
  return buf;
}

/** Rewrites PNG CRCs after mutation so the deeper checks are reached, not just the CRC. */
function fixPngCrcs(buf: Buffer): Buffer {
  for (let pos = 8; pos + 12 <= buf.length;) {
    const end = pos + 8 + buf.readUInt32BE(pos);
    if (end + 4 > buf.length) break;
    buf.writeUInt32BE(crc32(buf.subarray(pos + 4, end)), end);
    pos = end + 4;
  }
  return buf;
}

function checkContract(buf: Buffer): void {
  const r = inspectImage(buf, LIMITS);
  if (!r.ok) {
    expect(CODES).toContain(r.error.code);
    expect(r.error.message).toMatch(/^the .+\.$/);
    return;
  }
  const out = stripMetadata(buf, r.value.mime);
  expect(inspectImage(out, LIMITS)).toEqual({ ok: true, value: { ...r.value, orientation: 1 } });
  expect(stripMetadata(out, r.value.mime)).toEqual(out);
}

const seeds: Record<string, Buffer> = {};

beforeAll(async () => {
  const pixels = await sharp({
    create: {
      width: 24,
      height: 16,
      channels: 4,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 60 },
    },
  })
    .png()
    .toBuffer();
  const rich = (): sharp.Sharp => sharp(pixels).withExif(EXIF).withMetadata({ orientation: 3 }).withIccProfile('p3');
  seeds['jpeg'] = await rich().jpeg().toBuffer();
  seeds['progressive jpeg'] = await rich().jpeg({ progressive: true }).toBuffer();
  seeds['png'] = await rich().png().toBuffer();
  seeds['palette png'] = await sharp(pixels).png({ palette: true }).toBuffer();
  seeds['lossy webp'] = await rich().webp().toBuffer();
  seeds['lossless webp'] = await rich().webp({ lossless: true }).toBuffer();
});

describe('inspectImage / stripMetadata under mutation', () => {
  it.each(['jpeg', 'progressive jpeg', 'png', 'palette png', 'lossy webp', 'lossless webp'])(
    'never throw on mutated %s',
    (name) => {
      const seed = seeds[name] ?? Buffer.alloc(0);
      checkContract(seed); // the unmutated seed satisfies the contract too
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), (mutations, fixCrcs) => {
          const buf = mutate(seed, mutations);
          checkContract(name.endsWith('png') && fixCrcs ? fixPngCrcs(buf) : buf);
        }),
        { numRuns: 400 },
      );
    },
  );

  it('never throws on random bytes behind each magic number', () => {
    const magics = ['ffd8ff', '89504e470d0a1a0a', '52494646ffffff0f57454250', '524946461000000057454250565038'];
    fc.assert(
      fc.property(fc.constantFrom(...magics), fc.uint8Array({ maxLength: 64 }), (magic, tail) => {
        checkContract(Buffer.concat([Buffer.from(magic, 'hex'), tail]));
      }),
      { numRuns: 1000 },
    );
  });
});
