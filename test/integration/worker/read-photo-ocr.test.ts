import { readFile } from 'node:fs/promises';
import { layoutForForm, lineInPhoto, lineRect, presidentialDefinition, ZSheetRegistration } from '@crosstally/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { createProtocolOcr } from '../../../apps/worker/src/adapters/ocr/read-protocol.js';
import { handleReadPhoto } from '../../../apps/worker/src/jobs/read-photo.job.js';
import { electionCode, stationsCsv } from '../../support/election-fixture.js';
import { generatePhotoSet } from '../../support/photo-set/photo-set.js';
import { setupElection, uploadPhoto } from '../../support/pipeline.js';
import { renderProtocolPhoto } from '../../support/protocol-image.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
let ocr: ProtocolOcr;
beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api, 1);
  ocr = await createProtocolOcr({ workers: 1 });
});
afterAll(async () => {
  await ocr?.close();
  await api?.close();
});

/** The sheet names its own station: registered, so the photo belongs where it says. */
async function registerStation(code: string) {
  await api.app.inject({
    method: 'POST',
    url: `/v1/admin/elections/${electionCode}/stations`,
    headers: { ...adminHeaders, 'content-type': 'text/csv' },
    payload: stationsCsv(1).replace(/\n0001,/, `\n${code},`),
  });
}

describe('a printed protocol without a QR code, through the photo job with OCR', () => {
  it('is read by OCR against the form, line by line, with a confidence per line', async () => {
    const [clean] = await generatePhotoSet({
      seed: 11,
      count: 1,
      level: 'clean',
      form: presidentialDefinition,
      withQr: false,
    });
    await registerStation(clean!.station);
    const upload = await uploadPhoto(api, clean!.station, clean!.photo);
    expect(upload.statusCode).toBe(202);
    const deps = { db: api.database.db, store: api.deps.store, ocr, maxPhotoPixels: 64e6 };
    const outcome = await handleReadPhoto({ photoId: upload.json().id }, deps);
    const reading = await api.database.db
      .selectFrom('reading')
      .selectAll()
      .where('photo_id', '=', upload.json().id)
      .executeTakeFirst();
    // A clean printed sheet is read whole (the reader sends to people only what it doubts).
    expect(outcome).toEqual({ kind: 'read', method: 'ocr' });
    expect(reading).toMatchObject({ method: 'ocr', line_values: clean!.values, station_code_read: clean!.station });
    expect(Object.keys(reading!.line_confidence ?? {}).sort()).toEqual(Object.keys(clean!.values).sort());
    console.log(
      `OCR of a clean printed protocol: ${outcome.kind}, ${Object.keys(reading?.line_values ?? {}).length} lines read`,
    );
  });

  it('keeps where the sheet lies, and shows people each line cut out of the photo', async () => {
    const [photo] = await generatePhotoSet({
      seed: 12,
      count: 1,
      level: 'hard',
      form: presidentialDefinition,
      withQr: false,
    });
    await registerStation(photo!.station);
    const id = (await uploadPhoto(api, photo!.station, photo!.photo)).json().id as string;
    const deps = { db: api.database.db, store: api.deps.store, ocr, maxPhotoPixels: 64e6 };
    await handleReadPhoto({ photoId: id }, deps);
    const row = await api.database.db
      .selectFrom('protocol_photo')
      .select(['sheet', 'width', 'height', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    // The sheet found matches where the photo set drew it, within a few pixels.
    const sheet = ZSheetRegistration.parse(row.sheet);
    const upright = { width: row.width, height: row.height };
    const line = layoutForForm(presidentialDefinition.form.lines).lines.find((l) => l.key === 'took_part')!;
    const found = lineRect(sheet, line, upright)!;
    const truth = lineRect(
      { homography: [...photo!.homography], width: row.width, height: row.height },
      line,
      upright,
    )!;
    for (const side of ['left', 'top', 'width', 'height'] as const) {
      expect(Math.abs(found[side] - truth[side]), side).toBeLessThan(8);
    }
    const crop = await api.app.inject({
      method: 'GET',
      url: `/v1/digitize/photos/${id}/lines/took_part`,
      headers: adminHeaders,
    });
    expect(crop.statusCode).toBe(200);
    expect(crop.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(crop.rawPayload).metadata();
    // Turned level: as long and thick as the line, not the box around it.
    const level = lineInPhoto(sheet, line, upright)!;
    expect(meta.width! / meta.height!).toBeCloseTo(level.length / level.thickness, 0);
    expect(level.length / level.thickness).toBeGreaterThan(found.width / found.height);
    const unknown = await api.app.inject({
      method: 'GET',
      url: `/v1/digitize/photos/${id}/lines/nope`,
      headers: adminHeaders,
    });
    expect([unknown.statusCode, unknown.json().message]).toEqual([404, 'line: nope is not a line of this form']);
    console.log(`hard photo ${row.status}; line took_part cut out at ${found.width} × ${found.height} px`);

    // The same photo as a phone stores a portrait shot (pixels on their side, EXIF 6): the
    // same line comes out, the same way up.
    const turned = await sharp(photo!.photo).rotate(270).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const turnedId = (await uploadPhoto(api, photo!.station, turned)).json().id as string;
    await handleReadPhoto({ photoId: turnedId }, deps);
    const again = await api.app.inject({
      method: 'GET',
      url: `/v1/digitize/photos/${turnedId}/lines/took_part`,
      headers: adminHeaders,
    });
    const [a, b] = await Promise.all(
      [crop, again].map((r) => sharp(r.rawPayload).greyscale().resize(400, 60, { fit: 'fill' }).raw().toBuffer()),
    );
    const meanDifference = a!.reduce((sum, v, i) => sum + Math.abs(v - b![i]!), 0) / a!.length;
    expect(again.statusCode).toBe(200);
    expect(meanDifference).toBeLessThan(12);
  });

  it('shows people a photo shot sideways the right way up, made once, and says when no sheet was found', async () => {
    const lines = Object.fromEntries(presidentialDefinition.form.lines.map((l) => [l.number, 1]));
    const sideways = await renderProtocolPhoto({
      election: electionCode,
      station: '0001',
      lines,
      qr: false,
      orientation: 6,
    });
    const { id, sha256 } = (await uploadPhoto(api, '0001', sideways)).json() as { id: string; sha256: string };
    const stored = await api.database.db
      .selectFrom('protocol_photo')
      .select(['width', 'height'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.width).toBeGreaterThan(stored.height);
    const size = async (url: string, headers = {}) => {
      const res = await api.app.inject({ method: 'GET', url, headers });
      const meta = await sharp(res.rawPayload).metadata();
      return [res.statusCode, res.headers['content-type'], meta.width, meta.height];
    };
    const upright = [200, 'image/jpeg', stored.height, stored.width];
    expect(await size(`/v1/digitize/photos/${id}/image`, adminHeaders)).toEqual(upright);
    // Not read yet, so shown to staff only (the public sees a photo once read as a protocol).
    expect(await size(`/v1/photos/${id}/view`, adminHeaders)).toEqual(upright);
    // Made once and kept beside the photo; the stored photo itself is left as it was sent.
    const view = api.deps.store.pathFor('view', sha256, 'image/jpeg');
    const kept = await readFile(view);
    const again = await api.app.inject({ method: 'GET', url: `/v1/photos/${id}/view`, headers: adminHeaders });
    expect(again.rawPayload.equals(kept)).toBe(true);
    expect(await size(`/v1/photos/${id}/image`, adminHeaders)).toEqual([
      200,
      'image/jpeg',
      stored.width,
      stored.height,
    ]);
    // Not read yet: nothing to cut lines from.
    const crop = await api.app.inject({
      method: 'GET',
      url: `/v1/digitize/photos/${id}/lines/took_part`,
      headers: adminHeaders,
    });
    expect(crop.statusCode).toBe(404);
  });

  it('shows a photo that needs no turn as it was sent', async () => {
    const lines = Object.fromEntries(presidentialDefinition.form.lines.map((l) => [l.number, 2]));
    const straight = await renderProtocolPhoto({ election: electionCode, station: '0001', lines, qr: false });
    const { id } = (await uploadPhoto(api, '0001', straight)).json() as { id: string };
    const [view, image] = await Promise.all(
      ['view', 'image'].map((what) =>
        api.app.inject({ method: 'GET', url: `/v1/photos/${id}/${what}`, headers: adminHeaders }),
      ),
    );
    expect(view!.statusCode).toBe(200);
    expect(view!.rawPayload.equals(image!.rawPayload)).toBe(true);
  });
});
