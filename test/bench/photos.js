// Protocol-like photos for the upload scenarios: ~300 KB JPEGs of smoothed noise, and a
// multipart body per request whose photo is different from every other one sent.
//
// Content dedupe makes a repeated photo nearly free, and a pool of a few hundred files would
// repeat after a fraction of a second at upload rates, so every request gets a distinct JPEG:
// a few sharp-encoded bases, each sent with unique small changes to eight steps of its first
// quantization table (DQT). DQT is kept by the API's metadata stripping (decoding needs it),
// so the stored bytes and their sha256 differ, and so do the decoded pixels; the file stays a
// fully valid JPEG.
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

const BOUNDARY = '----crosstallybench7d1e0c';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/**
 * @param {number} count distinct base images
 * @returns {Promise<Buffer[]>}
 */
export async function makeBaseJpegs(count, width = 1400, height = 1050) {
  const out = [];
  for (let i = 0; i < count; i++) {
    const raw = randomBytes(width * height * 3);
    const jpeg = await sharp(raw, { raw: { width, height, channels: 3 } })
      .blur(1.5)
      .jpeg({ quality: 80 })
      .toBuffer();
    out.push(jpeg);
  }
  return out;
}

/** Offset of the first DQT table's 64 entries (8-bit precision only). @param {Buffer} jpeg */
function dqtEntries(jpeg) {
  let pos = 2;
  while (pos + 4 < jpeg.length && jpeg[pos] === 0xff) {
    const marker = jpeg[pos + 1];
    const length = jpeg.readUInt16BE(pos + 2);
    if (marker === 0xdb) {
      if (jpeg[pos + 4] >> 4 !== 0) throw new Error('16-bit DQT not expected from sharp');
      return pos + 5;
    }
    pos += 2 + length;
  }
  throw new Error('no DQT segment found');
}

/**
 * A source of request bodies: each call returns a multipart body with a never-seen photo.
 * @param {Buffer[]} bases
 * @param {string} field the multipart field name
 */
export function uniquePhotoBodies(bases, field) {
  const templates = bases.map((jpeg, i) => {
    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="protocol-${i}.jpg"\r\n` +
        'Content-Type: image/jpeg\r\n\r\n',
    );
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    const body = Buffer.concat([head, jpeg, tail]);
    // Zigzag entries 1..8: low frequencies, non-zero in nearly every block, so a small
    // change in their step still changes the decoded pixels.
    const at = head.length + dqtEntries(jpeg) + 1;
    return { body, at, original: Buffer.from(body.subarray(at, at + 8)) };
  });
  let n = 0;
  return {
    /** The body buffer is reused: autocannon copies it into the request it builds at once. */
    next() {
      const t = templates[n % templates.length];
      let v = Math.floor(n / templates.length);
      // Base-4 digits of v added to eight steps: 65,536 variants per base, each step at
      // most 3 above sharp's (kept in 1..254: never 0, which is invalid, nor 0xff).
      for (let k = 0; k < 8; k++) {
        t.body[t.at + k] = Math.min(t.original[k], 251) + (v % 4);
        v = Math.floor(v / 4);
      }
      n++;
      return t.body;
    },
    get sent() {
      return n;
    },
    bytes: Math.round(templates.reduce((s, t) => s + t.body.length, 0) / templates.length),
  };
}
