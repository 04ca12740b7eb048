import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { voterPhoto } from '../../../../test/support/ballot-photos.js';
import { copyPrintOf, copyScore, hammingDistance, type TCopyPrint } from './ballot-copy.js';

// Photos of one printed ballot, as different voters would take them (voterPhoto), and an
// attacker's copies of one of them. Every photo here shows the very same print: the hardest
// case for telling a copy from another voter's photo.
const maxPixels = 64_000_000;

const copies: Record<string, (photo: Buffer) => Promise<Buffer>> = {
  'resized to half': (b) => sharp(b).resize({ width: 600 }).jpeg({ quality: 80 }).toBuffer(),
  'recompressed at quality 40': (b) => sharp(b).jpeg({ quality: 40 }).toBuffer(),
  'brightened by 15%': (b) => sharp(b).modulate({ brightness: 1.15 }).jpeg().toBuffer(),
  'cropped 5% all round': (b) => sharp(b).extract({ left: 60, top: 80, width: 1080, height: 1440 }).jpeg().toBuffer(),
  'cropped 10% off one side': (b) => sharp(b).extract({ left: 0, top: 0, width: 1080, height: 1600 }).jpeg().toBuffer(),
  'cropped 20% all round': (b) => sharp(b).extract({ left: 120, top: 160, width: 960, height: 1280 }).jpeg().toBuffer(),
  'cropped to a corner, shrunk and recompressed': (b) =>
    sharp(b)
      .extract({ left: 360, top: 0, width: 840, height: 1120 })
      .resize({ width: 500 })
      .jpeg({ quality: 60 })
      .toBuffer(),
};

const voters = 10;
const photos: Buffer[] = [];
const prints: TCopyPrint[] = [];
beforeAll(async () => {
  for (let v = 0; v < voters; v++) photos.push(await voterPhoto(v));
  prints.push(...(await Promise.all(photos.map((p) => copyPrintOf(p, maxPixels)))));
}, 60_000);

describe('telling a copy of a ballot photo from another voter’s photo of the same ballot', () => {
  it('scores every pair of different voters’ photos low', () => {
    const scores: number[] = [];
    for (let i = 0; i < voters; i++)
      for (let j = i + 1; j < voters; j++) scores.push(copyScore(prints[i]!, prints[j]!));
    console.log(`different voters: highest copy score ${Math.max(...scores).toFixed(3)} of ${scores.length} pairs`);
    expect(Math.max(...scores)).toBeLessThan(0.65);
  }, 60_000);

  for (const [name, make] of Object.entries(copies)) {
    it(`scores a copy ${name} high`, async () => {
      const scores: number[] = [];
      for (let v = 0; v < 3; v++)
        scores.push(copyScore(prints[v]!, await copyPrintOf(await make(photos[v]!), maxPixels)));
      console.log(`${name}: lowest copy score ${Math.min(...scores).toFixed(3)}`);
      expect(Math.min(...scores)).toBeGreaterThanOrEqual(0.75);
    }, 30_000);
  }

  it('finds a copy’s candidates by hash, whatever was done to it', async () => {
    for (const make of Object.values(copies)) {
      const copy = await copyPrintOf(await make(photos[0]!), maxPixels);
      const nearest = Math.min(
        ...prints[0]!.hashes.map((h) => hammingDistance(h, copy.hashes[0]!)),
        ...copy.hashes.map((h) => hammingDistance(h, prints[0]!.hashes[0]!)),
      );
      console.log(`nearest hash: ${nearest} bits`);
      expect(nearest).toBeLessThanOrEqual(12);
    }
  }, 30_000);
});
