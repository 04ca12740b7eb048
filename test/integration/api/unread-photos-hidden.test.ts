import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { handleReadPhoto } from '../../../apps/worker/src/jobs/read-photo.job.js';
import { createUser } from '../../support/accounts.js';
import { electionCode } from '../../support/election-fixture.js';
import { jpegWithGps } from '../../support/images.js';
import { setupElection, uploadPhoto } from '../../support/pipeline.js';
import { renderProtocolPhoto } from '../../support/protocol-image.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

// Issue 14, item 8: any uploaded image appeared on the public station page, and at its public
// address, the moment it was sent — junk, faces or worse, published before anyone looked. Now
// the public sees a photo once it was read as a protocol; staff see the rest in their regions.
let api: TTestApi;
let junk: string;
let protocol: string;

beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 3);
  const read = (photoId: string) =>
    handleReadPhoto({ photoId }, { db: api.database.db, store: api.deps.store, ocr: noOcr, maxPhotoPixels: 64e6 });
  junk = (await uploadPhoto(api, '0001', await jpegWithGps(7, { width: 320, height: 240 }))).json().id;
  expect((await read(junk)).kind).toBe('unread');
  const sheet = await renderProtocolPhoto({ election: electionCode, station: '0001', lines: { 1: 1500 }, qr: true });
  protocol = (await uploadPhoto(api, '0001', sheet)).json().id;
  expect((await read(protocol)).kind).toBe('read');
});
afterAll(async () => api?.close());

const get = (url: string, headers: Record<string, string> = {}) => api.app.inject({ method: 'GET', url, headers });

describe('photos nobody has read as a protocol', () => {
  it('are not served to the public, at either address', async () => {
    for (const what of ['image', 'view']) {
      const hidden = await get(`/v1/photos/${junk}/${what}`);
      expect(hidden.statusCode, what).toBe(404);
      const shown = await get(`/v1/photos/${protocol}/${what}`);
      expect(shown.statusCode, what).toBe(200);
      expect(shown.headers['cache-control']).toContain('public');
    }
  });

  it('are not listed on the public station page', async () => {
    const page = await get(`/en/e/${electionCode}/s/0001`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/v1/photos/${protocol}/view`);
    expect(page.body).not.toContain(junk);
  });

  it('are shown to staff in their regions, kept out of every shared cache', async () => {
    const admin = await get(`/v1/photos/${junk}/image`, adminHeaders);
    expect(admin.statusCode).toBe(200);
    expect(admin.headers['cache-control']).toBe('private, no-store');
    const here = await createUser(api, 'hidden-here', 'analyst', [{ election: electionCode, region: 'Minsk' }]);
    expect((await get(`/v1/photos/${junk}/view`, { cookie: here.cookie })).statusCode).toBe(200);
    const elsewhere = await createUser(api, 'hidden-far', 'analyst', [{ election: electionCode, region: 'Brest' }]);
    expect((await get(`/v1/photos/${junk}/view`, { cookie: elsewhere.cookie })).statusCode).toBe(404);
  });
});
