import sharp from 'sharp';
import { it } from 'vitest';
import { copyPrintOf, copyScore, type TCopyPrint } from '../../apps/worker/src/adapters/ballot-copy.js';
import { voterPhoto } from '../support/ballot-photos.js';

// The print-ballot job's cost per photo, as ratios to the bare decode of the same photo that
// any handling of it costs (sharp, shrink-on-load to 512 px grey): making its print, comparing
// it with one candidate, and a whole job that compares it with the most candidates it may
// (8, each decoded and printed). Photos of one print (1200 × 1600 JPEG), as in the tests.
// BENCH_BALLOTS sets how many photos (default 12). Figures are printed, never asserted.
const count = Number(process.env.BENCH_BALLOTS ?? 12);
const candidates = 8;

async function timePerItem<T>(items: T[], work: (item: T) => Promise<unknown> | unknown): Promise<number> {
  const started = process.hrtime.bigint();
  for (const item of items) await work(item);
  return Number(process.hrtime.bigint() - started) / 1e6 / items.length;
}

it('measures the print-ballot job against a bare decode', async () => {
  const photos: Buffer[] = [];
  for (let v = 0; v < count; v++) photos.push(await voterPhoto(v));
  const decode = (b: Buffer) => sharp(b).resize(512, 512, { fit: 'inside' }).grayscale().raw().toBuffer();
  await timePerItem(photos.slice(0, 2), decode); // warm-up
  const decodeMs = await timePerItem(photos, decode);
  const prints: TCopyPrint[] = [];
  const printMs = await timePerItem(photos, async (b) => prints.push(await copyPrintOf(b, 64_000_000)));
  const pairs = prints.flatMap((p, i) => prints.slice(i + 1).map((q) => [p, q] as const));
  const compareMs = await timePerItem(pairs, ([p, q]) => copyScore(p, q));
  const jobMs = printMs + candidates * (printMs + compareMs);
  const line = (label: string, ms: number) =>
    console.log(`${label.padEnd(44)} ${(ms / decodeMs).toFixed(2)}× the decode   (${ms.toFixed(1)} ms)`);
  console.log(`\nballot copies: ${count} photos, ${pairs.length} pairs; decode ${decodeMs.toFixed(1)} ms a photo`);
  line('print one photo', printMs);
  line('compare one pair (both directions)', compareMs);
  line(`job with ${candidates} candidates (worst case)`, jobMs);
  console.log(`worst-case jobs a second per core: ${(1000 / jobMs).toFixed(1)}`);
}, 600_000);
