import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import {
  checkRelations,
  compileFormTemplate,
  encodeProtocolQr,
  layoutForForm,
  presidentialDefinition,
} from '@crosstally/shared';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeWorkingImage } from '../../../apps/worker/src/adapters/image.adapter.js';
import { readQrTexts } from '../../../apps/worker/src/adapters/qr.adapter.js';
import { generatePhotoSet, generateSetPhoto, type TLevel, type TSetPhoto } from '../../support/photo-set/photo-set.js';
import { applyHomography } from '../../support/photo-set/photograph.js';

/**
 * The generated protocol photo set (test/support/photo-set): photos with known numbers at
 * three levels of difficulty, made at test time from a seed. 100 photos per level by
 * default; PHOTO_SET_SIZE sets another number per level, PHOTO_SET_SEED another seed.
 * Reading a QR the worker's way costs more than making the photo (the worker's working
 * copy: decode, grey, normalize, PNG), so the QR is read on every 4th photo of each level;
 * PHOTO_SET_QR=all reads every photo, PHOTO_SET_QR=<n> every n-th.
 */
const perLevel = Number(process.env.PHOTO_SET_SIZE ?? 100);
const seed = Number(process.env.PHOTO_SET_SEED ?? 20200809);
const qrEvery = process.env.PHOTO_SET_QR === 'all' ? 1 : Math.max(1, Number(process.env.PHOTO_SET_QR ?? 4));
const levels: TLevel[] = ['clean', 'medium', 'hard'];
const form = presidentialDefinition;
const template = compileFormTemplate(form);
const samples = '/tmp/photo-set-samples';

type TLevelRun = {
  photos: TSetPhoto[];
  generateMs: number;
  generateCpuMs: number;
  /** Indices of the photos whose QR was read, and whether it gave the expected text. */
  read: Map<number, boolean>;
  wrong: number;
  decodeMs: number;
};
const runs = new Map<TLevel, TLevelRun>();

const expectedQr = (photo: TSetPhoto) =>
  encodeProtocolQr({
    election: form.code,
    station: photo.station,
    lines: Object.fromEntries(form.form.lines.map((l) => [l.number, photo.values[l.key]!])),
  });

beforeAll(async () => {
  await mkdir(samples, { recursive: true });
  for (const level of levels) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const photos = await generatePhotoSet({ seed, count: perLevel, level, form, withQr: true });
    const generateMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    // Read the QR as the worker does: a grey working copy of at most 2000 px, then zxing.
    const decodeStarted = performance.now();
    const read = new Map<number, boolean>();
    let wrong = 0;
    const chosen = photos.map((_, i) => i).filter((i) => i % qrEvery === 0);
    // Two at a time: the working copy is made on sharp's threads while zxing runs on this one.
    await forEachLimit(chosen, 2, async (i) => {
      const photo = photos[i]!;
      const working = await makeWorkingImage(photo.photo, 1, 64e6);
      const texts = (await readQrTexts(working.grey)).filter((t) => t.startsWith('CT1|'));
      read.set(i, texts.includes(expectedQr(photo)));
      if (texts.some((t) => t !== expectedQr(photo))) wrong += 1;
    });
    runs.set(level, {
      photos,
      generateMs,
      generateCpuMs: (used.user + used.system) / 1000,
      read,
      wrong,
      decodeMs: performance.now() - decodeStarted,
    });
    await writeFile(`${samples}/${level}.jpg`, photos[0]!.photo);
  }
  const rows = levels.map((level) => {
    const run = runs.get(level)!;
    const n = run.photos.length;
    return {
      level,
      photos: n,
      'ms/photo': Math.round(run.generateMs / n),
      'CPU ms/photo': Math.round(run.generateCpuMs / n),
      'QR read ms/photo': Math.round(run.decodeMs / Math.max(1, run.read.size)),
      'QR decoded': `${[...run.read.values()].filter(Boolean).length}/${run.read.size}`,
      'QR wrong': run.wrong,
      'avg KB': Math.round(run.photos.reduce((s, p) => s + p.photo.length, 0) / n / 1024),
    };
  });
  const total = levels.reduce((s, level) => s + runs.get(level)!.generateMs, 0);
  console.log(
    `photo set, seed ${seed}: ${perLevel * levels.length} photos made in ${(total / 1000).toFixed(1)} s\n` +
      formatTable(rows),
  );
}, 900_000);

describe('the generated protocol photo set', () => {
  it('has the photos asked for, at every level, as phone-sized JPEGs', async () => {
    for (const level of levels) {
      const { photos } = runs.get(level)!;
      expect(photos).toHaveLength(perLevel);
      const meta = await sharp(photos[0]!.photo).metadata();
      expect(meta).toMatchObject({ format: 'jpeg', width: 1500, height: 2000 });
      expect(photos.every((p) => p.level === level && p.photo.subarray(0, 2).equals(Buffer.from([0xff, 0xd8])))).toBe(
        true,
      );
      if (level === 'hard') expect(photos.every((p) => p.digits === 'handwritten')).toBe(true);
      else expect(photos.every((p) => p.digits === 'printed')).toBe(true);
      expect(new Set(photos.map((p) => p.labelsLanguage))).toEqual(new Set(['be', 'ru']));
    }
  });

  it('is the same for the same seed, byte for byte, and another seed gives other photos', async () => {
    for (const level of levels) {
      const { photos } = runs.get(level)!;
      const index = Math.min(photos.length - 1, 3);
      const again = await generateSetPhoto({ seed, level, form, withQr: true }, index);
      expect(again.photo.equals(photos[index]!.photo)).toBe(true);
      expect(again.values).toEqual(photos[index]!.values);
      const other = await generateSetPhoto({ seed: seed + 1, level, form, withQr: true }, index);
      expect(other.photo.equals(photos[index]!.photo)).toBe(false);
    }
  });

  it('never repeats a photo, within a level or across levels', () => {
    const digests = levels.flatMap((level) =>
      runs.get(level)!.photos.map((p) => createHash('sha256').update(p.photo).digest('hex')),
    );
    expect(new Set(digests).size).toBe(digests.length);
    const ids = levels.flatMap((level) => runs.get(level)!.photos.map((p) => p.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the numbers of honest protocols: every control relation of the form holds', () => {
    for (const level of levels) {
      for (const photo of runs.get(level)!.photos) {
        expect(Object.keys(photo.values).sort()).toEqual(form.form.lines.map((l) => l.key).sort());
        expect(Object.values(photo.values).every((v) => Number.isInteger(v) && v >= 0)).toBe(true);
        const broken = checkRelations(template.relations, photo.values).filter((c) => c.status !== 'holds');
        expect(broken, `${photo.id}`).toEqual([]);
      }
    }
  });

  it('gives a ground-truth homography that puts the corner marks on dark squares inside the frame', async () => {
    const layout = layoutForForm(form.form.lines);
    for (const level of levels) {
      for (const photo of runs.get(level)!.photos.slice(0, 10)) {
        const { data, info } = await sharp(photo.photo).grayscale().raw().toBuffer({ resolveWithObject: true });
        const grey = (p: { x: number; y: number }) => data[Math.floor(p.y) * info.width + Math.floor(p.x)]!;
        for (const mark of layout.fiducials) {
          const centre = applyHomography(photo.homography, { x: mark.x + mark.width / 2, y: mark.y + mark.height / 2 });
          // Paper just inside the page from the mark, as lit as the mark is.
          const paper = applyHomography(photo.homography, {
            x: mark.x < 500 ? mark.x + mark.width + 15 : mark.x - 15,
            y: mark.y + mark.height / 2,
          });
          expect(centre.x).toBeGreaterThan(0);
          expect(centre.y).toBeGreaterThan(0);
          expect(centre.x).toBeLessThan(info.width);
          expect(centre.y).toBeLessThan(info.height);
          expect(grey(centre), `${photo.id} mark`).toBeLessThan(grey(paper) * 0.5);
        }
      }
    }
  });

  it('turns the sheet no more than its level allows', () => {
    const limit: Record<TLevel, number> = { clean: 3, medium: 8, hard: 15 };
    for (const level of levels) {
      const rotations = runs.get(level)!.photos.map((p) => p.camera.rotation);
      expect(Math.max(...rotations.map(Math.abs))).toBeLessThanOrEqual(limit[level]);
    }
  });

  it('prints a QR that the worker reads on every clean and medium photo, and never misreads', () => {
    for (const level of levels) {
      const run = runs.get(level)!;
      expect(run.wrong, level).toBe(0);
      expect(run.read.size).toBeGreaterThan(0);
      if (level !== 'hard') {
        const missed = [...run.read].filter(([, ok]) => !ok).map(([i]) => run.photos[i]!.id);
        expect(missed, level).toEqual([]);
      }
    }
  });
});

async function forEachLimit<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
}

function formatTable(rows: Record<string, string | number>[]): string {
  const columns = Object.keys(rows[0] ?? {});
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i]!)).join('  ');
  return [line(columns), ...rows.map((r) => line(columns.map((c) => String(r[c]))))].join('\n');
}
