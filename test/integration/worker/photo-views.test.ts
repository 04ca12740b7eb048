import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photoStates, setupElection, spawnWorker, startRelay, uploadPhoto } from '../../support/pipeline.js';
import { stopProcess, waitUntil } from '../../support/processes.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14, item 3, tried as the attacker did: first views of large photos taken on their
// side (orientation 6), asked for at once by anonymous readers. The API used to decode each
// at full resolution inside the request: twelve concurrent first views of four 8000 × 8000
// JPEGs took it from 199 MB to 2.48 GB. Now the worker makes the view when it reads the
// photo; before that a request decodes only a photo of at most VIEW_DECODE_PIXELS.
let api: TTestApi;
let relay: Awaited<ReturnType<typeof startRelay>>;
let worker: ReturnType<typeof spawnWorker> | undefined;

beforeAll(async () => {
  api = await createTestApi({ VIEW_DECODE_PIXELS: '4000000' });
  await setupElection(api, 6);
  relay = await startRelay(api);
});
afterAll(async () => {
  if (worker) await stopProcess(worker, 'SIGKILL');
  await relay?.stop();
  await api?.close();
});

/** A photo as a phone stores a portrait shot: landscape pixels, EXIF orientation 6. */
async function sideways(width: number, height: number, seed: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: seed * 40, g: 120, b: 200 } } })
    .jpeg({ quality: 80 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

// Photos nobody has read as a protocol are shown to staff only (issue 14, item 8): the views
// here are asked for as an admin; anonymous readers get 404 before any image work.
const view = (id: string, headers: Record<string, string> = adminHeaders) =>
  api.app.inject({ method: 'GET', url: `/v1/photos/${id}/view`, headers });

describe('upright views of photos', () => {
  let large: string[] = [];

  it('never decodes a large photo inside a request: 503 with Retry-After until the worker made its view', async () => {
    const photos = await Promise.all([1, 2, 3, 4].map((seed) => sideways(8000, 6000, seed)));
    large = [];
    for (const [i, data] of photos.entries()) {
      const res = await uploadPhoto(api, `000${i + 1}`, data);
      expect(res.statusCode, res.body).toBe(202);
      large.push(res.json().id);
    }
    global.gc?.();
    const before = process.memoryUsage().rss;
    const done = api.deps.imageWork.done;
    const answers = await Promise.all(large.flatMap((id) => [view(id), view(id), view(id)]));
    const grew = process.memoryUsage().rss - before;
    for (const a of answers) {
      expect(a.statusCode, a.body).toBe(503);
      expect(a.headers['retry-after']).toBeDefined();
      expect(a.json().messageKey).toBe('photo.viewLater');
    }
    expect(api.deps.imageWork.done).toBe(done);
    expect((await view(large[0]!, {})).statusCode).toBe(404);
    // Each of these decoded at full size is 144 MB of pixels; twelve at once were gigabytes.
    expect(grew).toBeLessThan(100 * 1024 * 1024);
  });

  it('makes a small photo’s view once for many first readers, within the image work cap', async () => {
    const res = await uploadPhoto(api, '0005', await sideways(1600, 1200, 5));
    const id = res.json().id as string;
    const done = api.deps.imageWork.done;
    const answers = await Promise.all(Array.from({ length: 12 }, () => view(id)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array.from({ length: 12 }, () => 200));
    expect(new Set(answers.map((a) => a.rawPayload.toString('base64'))).size).toBe(1);
    expect(api.deps.imageWork.done - done).toBe(1);
    const meta = await sharp(answers[0]!.rawPayload).metadata();
    expect([meta.width, meta.height]).toEqual([1200, 1600]);
  });

  it('serves the view the worker made when it read the photo: upright and screen-sized', async () => {
    worker = spawnWorker(api);
    await waitUntil(async () => {
      const states = await photoStates(api);
      return states.every((p) => p.status !== 'queued' && p.status !== 'processing');
    }, 120_000);
    const done = api.deps.imageWork.done;
    for (const id of large) {
      const res = await view(id);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(res.rawPayload).metadata();
      expect([meta.width, meta.height]).toEqual([1800, 2400]);
    }
    expect(api.deps.imageWork.done).toBe(done);
  }, 150_000);
});
