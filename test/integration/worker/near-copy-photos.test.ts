import { presidentialDefinition } from '@crosstally/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { hashDistance, nearCopyBits } from '../../../apps/worker/src/adapters/perceptual-hash.js';
import { handleReadPhoto } from '../../../apps/worker/src/jobs/read-photo.job.js';
import { electionCode, honestProtocol } from '../../support/election-fixture.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { generatePhotoSet } from '../../support/photo-set/photo-set.js';
import { setupElection, uploadPhoto } from '../../support/pipeline.js';
import { renderProtocolPhoto } from '../../support/protocol-image.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14 item 20: the 64-bit hash of a printed protocol saw only the form's layout (11,999
// distinct photos of 1,000 stations gave 30 hashes), so every station had a false
// `duplicate_photo` finding. Many stations' photos of one form must give no finding, and a
// copy of one of them sent for another station (re-encoded, shrunk) must.
const setStations = 24;
const renderStations = 8;
const codeOf = (n: number) => String(n).padStart(4, '0');

let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, setStations + renderStations + 4);
});
afterAll(async () => api?.close());

const read = (photoId: string) =>
  handleReadPhoto({ photoId }, { db: api.database.db, store: api.deps.store, ocr: noOcr, maxPhotoPixels: 64e6 });

async function send(station: string, photo: Buffer): Promise<string> {
  const response = await uploadPhoto(api, station, photo);
  expect(response.statusCode, response.body).toBe(202);
  const { id } = response.json<{ id: string }>();
  await read(id);
  return id;
}

async function duplicateFindings(): Promise<Record<string, string[]>> {
  const rows = await api.database.db
    .selectFrom('flag')
    .innerJoin('station', 'station.id', 'flag.station_id')
    .select(['station.code', 'flag.evidence'])
    .where('flag.kind', '=', 'duplicate_photo')
    .where('flag.cleared_at', 'is', null)
    .execute();
  return Object.fromEntries(
    rows
      .map((r) => [
        r.code,
        (r.evidence as { photos: { otherStations: string[] }[] }).photos.flatMap((p) => p.otherStations).sort(),
      ])
      .sort(),
  );
}

async function hashesOf(ids: string[]): Promise<string[]> {
  const rows = await api.database.db
    .selectFrom('protocol_photo')
    .select(['id', 'phash'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r.phash!]));
  return ids.map((id) => byId.get(id)!);
}

function closestPair(hashes: string[]): number {
  let closest = Infinity;
  for (let i = 0; i < hashes.length; i += 1)
    for (let j = i + 1; j < hashes.length; j += 1) closest = Math.min(closest, hashDistance(hashes[i]!, hashes[j]!));
  return closest;
}

describe('near copies of protocol photos', () => {
  it('tells a copy of one photo from many stations’ photos of the same form', async () => {
    // Photographs of one printed form (the generated set: camera, light, numbers all vary),
    // no QR and no OCR here, so that the hash alone decides.
    const photographs = await generatePhotoSet({
      seed: 20261208,
      count: setStations,
      level: 'medium',
      form: presidentialDefinition,
      withQr: false,
      concurrency: 2,
    });
    const photographIds: string[] = [];
    for (const [i, shot] of photographs.entries()) photographIds.push(await send(codeOf(i + 1), shot.photo));

    // Flat renders of the form, one per station, each with its QR: aligned to the pixel, they
    // hash alike; their readings (station code, numbers) tell them apart.
    const renderIds: string[] = [];
    for (let i = 0; i < renderStations; i += 1) {
      const station = codeOf(setStations + 1 + i);
      const lines = Object.fromEntries(
        presidentialDefinition.form.lines.map((l) => [l.number, honestProtocol(i)[l.key]!]),
      );
      const photo = await renderProtocolPhoto({ election: electionCode, station, lines, qr: true });
      renderIds.push(await send(station, photo));
    }

    const photographHashes = await hashesOf(photographIds);
    const renderHashes = await hashesOf(renderIds);
    const photographsClosest = closestPair(photographHashes);
    const rendersClosest = closestPair(renderHashes);
    console.log(
      `near copies: closest distinct photographs ${photographsClosest} bits, renders ${rendersClosest} bits (of 256; a near copy ≤ ${nearCopyBits})`,
    );
    expect(photographsClosest).toBeGreaterThan(nearCopyBits);
    // The renders are within reach of each other by hash: the readings are what keep them apart.
    expect(rendersClosest).toBeLessThanOrEqual(nearCopyBits);

    await recomputeElection(api.app, electionCode);
    expect(await duplicateFindings()).toEqual({});

    // Copies sent for other stations: re-encoded, half size, a render re-encoded.
    const base = setStations + renderStations;
    const reencoded = await sharp(photographs[0]!.photo).jpeg({ quality: 50 }).toBuffer();
    const half = await sharp(photographs[1]!.photo).resize(750).jpeg({ quality: 80 }).toBuffer();
    const render = await renderProtocolPhoto({
      election: electionCode,
      station: codeOf(setStations + 1),
      lines: Object.fromEntries(presidentialDefinition.form.lines.map((l) => [l.number, honestProtocol(0)[l.key]!])),
      qr: true,
    });
    const renderCopy = await sharp(render).jpeg({ quality: 60 }).toBuffer();
    const copyIds = [
      await send(codeOf(base + 1), reencoded),
      await send(codeOf(base + 2), half),
      await send(codeOf(base + 3), renderCopy),
    ];
    const copyHashes = await hashesOf(copyIds);
    console.log(
      `near copies: re-encoded ${hashDistance(copyHashes[0]!, photographHashes[0]!)} bits, half size ${hashDistance(copyHashes[1]!, photographHashes[1]!)}, render re-encoded ${hashDistance(copyHashes[2]!, renderHashes[0]!)}`,
    );

    await recomputeElection(api.app, electionCode);
    expect(await duplicateFindings()).toEqual({
      '0001': [codeOf(base + 1)],
      '0002': [codeOf(base + 2)],
      [codeOf(setStations + 1)]: [codeOf(base + 3)],
      [codeOf(base + 1)]: ['0001'],
      [codeOf(base + 2)]: ['0002'],
      [codeOf(base + 3)]: [codeOf(setStations + 1)],
    });
  }, 240_000);
});
