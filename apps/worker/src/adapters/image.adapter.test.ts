import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ImageRejected, makeWorkingImage } from './image.adapter.js';

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: '#806040' } })
    .jpeg()
    .toBuffer();

describe('makeWorkingImage', () => {
  it('gives the grey working copy as raw pixels, upright, with its perceptual hash', async () => {
    const working = await makeWorkingImage(await photo(30, 20), 6, 64e6);
    // EXIF orientation 6: turned a quarter, so portrait.
    expect([working.grey.width, working.grey.height]).toEqual([20, 30]);
    expect(working.grey.data).toHaveLength(600);
    expect(working.phash).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each<[string, () => Promise<Buffer>, RegExp, string]>([
    ['an empty file', async () => Buffer.alloc(0), /empty \(0 bytes\)/, 'empty'],
    ['text', async () => Buffer.from('not a photo at all'), /not an image/, 'notImage'],
    [
      'more pixels than allowed',
      () => photo(300, 200),
      /too large: 300 × 200 pixels, more than the limit of 50000/,
      'tooLarge',
    ],
    [
      'a truncated JPEG',
      async () => {
        const whole = await photo(200, 200);
        return whole.subarray(0, Math.floor(whole.length * 0.6));
      },
      /cannot be decoded \(truncated or corrupt\)/,
      'corrupt',
    ],
  ])('rejects %s for good, with the reason', async (_, bytes, reason, code) => {
    const made = makeWorkingImage(await bytes(), 1, 50_000);
    await expect(made).rejects.toBeInstanceOf(ImageRejected);
    await expect(made).rejects.toThrow(reason);
    await expect(made).rejects.toMatchObject({ code });
  });
});
