import sharp from 'sharp';

/** A phone-like JPEG with EXIF that must never be stored: device, time and GPS position. */
export async function jpegWithGps(seed = 1, size = { width: 800, height: 600 }): Promise<Buffer> {
  const noise = Buffer.alloc(size.width * size.height * 3);
  let x = seed * 2654435761;
  for (let i = 0; i < noise.length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    noise[i] = (x >>> 16) & 0xff;
  }
  return sharp(noise, { raw: { ...size, channels: 3 } })
    .jpeg({ quality: 85 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'PhoneMakerX', Model: 'Model-Secret-42' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '53/1 54/1 2735/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '27/1 33/1 0/1',
      },
    })
    .toBuffer();
}

/** A valid PNG header claiming 50,000 × 50,000 pixels with almost no data behind it. */
export async function decompressionBombPng(): Promise<Buffer> {
  const small = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  const png = Buffer.from(small);
  // IHDR starts at byte 8: length(4) "IHDR"(4) width(4) height(4) ...; then its CRC.
  png.writeUInt32BE(50_000, 16);
  png.writeUInt32BE(50_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
