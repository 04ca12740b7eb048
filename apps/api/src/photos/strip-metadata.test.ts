import sharp from 'sharp';
import { describe, it, expect, beforeAll } from 'vitest';
import { inspectImage, stripMetadata, type TImageMime } from './index.js';

/*
 * The privacy promise, checked per format on images carrying every kind of metadata sharp
 * can write: nothing identifying survives, and the decoded pixels are unchanged.
 */

const EXIF = {
  IFD0: { Make: 'PhoneCo', Model: 'PX-1 serial 0042' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '53/1 54/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '27/1 33/1 0/1' },
};
const XMP =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
  '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,54.0N" exif:Make="PhoneCo"/>' +
  '</rdf:RDF></x:xmpmeta>';
// The GPS IFD pointer entry (tag 0x8825, LONG, count 1) as libexif writes it, little-endian.
const GPS_IFD_POINTER = Buffer.from('2588040001000000', 'hex');
const LIMITS = { maxPixels: 1e7 };

const formats: Array<[TImageMime, (s: sharp.Sharp) => sharp.Sharp]> = [
  ['image/jpeg', (s) => s.jpeg({ quality: 92 })],
  ['image/png', (s) => s.png()],
  ['image/webp', (s) => s.webp()],
  ['image/webp', (s) => s.webp({ lossless: true })],
];

describe.each(formats)('stripMetadata on %s', (mime, encode) => {
  let pixels: Buffer;
  let rich: Buffer;
  let plain: Buffer;

  beforeAll(async () => {
    pixels = await sharp({
      create: {
        width: 72,
        height: 40,
        channels: 3,
        background: '#000',
        noise: { type: 'gaussian', mean: 128, sigma: 45 },
      },
    })
      .png()
      .toBuffer();
    rich = await encode(
      sharp(pixels).withExif(EXIF).withMetadata({ orientation: 6 }).withIccProfile('p3').withXmp(XMP),
    ).toBuffer();
    plain = await encode(sharp(pixels).withExif(EXIF)).toBuffer();
  });

  it('starts from an image that really carries the metadata', async () => {
    const meta = await sharp(rich).metadata();
    expect([meta.exif, meta.icc, meta.xmp].every(Boolean)).toBe(true);
    expect(rich.includes(GPS_IFD_POINTER) && rich.includes('PhoneCo') && rich.includes('GPS')).toBe(true);
    expect(inspectImage(rich, LIMITS)).toEqual({ ok: true, value: { mime, width: 72, height: 40, orientation: 6 } });
  });

  it('leaves no EXIF, ICC or XMP for a decoder to find', async () => {
    const meta = await sharp(stripMetadata(rich, mime)).metadata();
    expect({ exif: meta.exif, icc: meta.icc, xmp: meta.xmp, orientation: meta.orientation }).toEqual({
      exif: undefined,
      icc: undefined,
      xmp: undefined,
      orientation: undefined,
    });
  });

  it('leaves no identifying bytes', () => {
    const out = stripMetadata(rich, mime);
    for (const needle of ['GPS', 'PhoneCo', 'Exif', 'serial', 'xmpmeta', 'ICC_PROFILE'])
      expect(out.includes(needle)).toBe(false);
    expect(out.includes(GPS_IFD_POINTER)).toBe(false);
  });

  it('keeps the decoded pixels identical', async () => {
    // ignoreIcc: the values must match; only their colour interpretation may change.
    const decode = (b: Buffer): Promise<Buffer> => sharp(b, { ignoreIcc: true }).raw().toBuffer();
    expect(await decode(stripMetadata(rich, mime))).toEqual(await decode(rich));
    // Without a profile there is nothing to interpret: a plain decode matches too.
    expect(await sharp(stripMetadata(plain, mime)).raw().toBuffer()).toEqual(await sharp(plain).raw().toBuffer());
  });

  it('produces output that inspects the same and strips to itself', () => {
    const out = stripMetadata(rich, mime);
    expect(inspectImage(out, LIMITS)).toEqual({ ok: true, value: { mime, width: 72, height: 40, orientation: 1 } });
    expect(stripMetadata(out, mime)).toEqual(out);
    expect(out.length).toBeLessThan(rich.length);
  });
});
