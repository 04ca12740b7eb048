import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voterPhoto } from '../../support/ballot-photos.js';
import { electionCode } from '../../support/election-fixture.js';
import { issueCodes } from '../../support/invitation-codes.js';
import { multipart } from '../../support/multipart.js';
import { setupElection, spawnWorker, startRelay } from '../../support/pipeline.js';
import { stopProcess, waitUntil } from '../../support/processes.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 13, item 2: the same or a near-same ballot picture under two identities verifies
// neither. One voter's photo, and copies of it sent by other voters (resized, recompressed,
// cropped), all become shared; another voter's photo of the same printed ballot does not.
// The worker is a real worker process: it compares the photos on its photos queue.
let api: TTestApi;
let relay: Awaited<ReturnType<typeof startRelay>>;
let worker: ReturnType<typeof spawnWorker>;
beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 3);
  relay = await startRelay(api);
  worker = spawnWorker(api);
});
afterAll(async () => {
  if (worker) await stopProcess(worker);
  await relay?.stop();
  await api?.close();
});

async function send(voterToken: string, photo: Buffer) {
  const body = multipart({ station: '0001', candidate: 'adamovich', voterKind: 'code', voterToken }, [
    { field: 'ballot', filename: 'ballot.jpg', contentType: 'image/jpeg', data: photo },
  ]);
  const res = await api.app.inject({ method: 'POST', url: `/v1/elections/${electionCode}/self-reports/form`, ...body });
  expect(res.statusCode).toBe(201);
  return res.json().ballotPhoto.sha256 as string;
}

describe('near copies of ballot photos', () => {
  it('makes a resized, a recompressed and a cropped copy shared with the original, and no other photo', async () => {
    const original = await voterPhoto(0);
    const photos = {
      original,
      resized: await sharp(original).resize({ width: 600 }).jpeg({ quality: 80 }).toBuffer(),
      recompressed: await sharp(original).jpeg({ quality: 40 }).toBuffer(),
      cropped: await sharp(original).extract({ left: 0, top: 160, width: 1080, height: 1440 }).jpeg().toBuffer(),
      another: await voterPhoto(1),
    };
    const codes = await issueCodes(api, 5);
    const sha: Record<string, string> = {};
    let i = 0;
    for (const [name, photo] of Object.entries(photos)) sha[name] = await send(codes[i++]!, photo);
    const db = api.database.db;
    const rows = async () =>
      db.selectFrom('ballot_photo').select(['id', 'sha256', 'shared', 'copy_of', 'copy_score', 'printed_at']).execute();
    await waitUntil(async () => (await rows()).every((r) => r.printed_at !== null), 60_000, 100);
    const all = await rows();
    const row = (name: string) => all.find((r) => r.sha256 === sha[name])!;
    const copies = [row('resized'), row('recompressed'), row('cropped')];
    const family = new Set([row('original').id, ...copies.map((c) => c.id)]);
    expect(row('original').shared).toBe(true);
    for (const copy of copies) {
      expect(copy.shared).toBe(true);
      // Each was found a copy of one of its family, whichever of two was compared first.
      const found = copy.copy_of ?? all.find((r) => r.copy_of === copy.id)?.id;
      expect(family.has(found!)).toBe(true);
    }
    const another = row('another');
    expect(another).toMatchObject({ shared: false, copy_of: null });
    expect(all.filter((r) => r.copy_of === another.id)).toEqual([]);
  }, 90_000);
});
