import { presidentialDefinition } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { createProtocolOcr } from '../../../apps/worker/src/adapters/ocr/read-protocol.js';
import { handleReadPhoto } from '../../../apps/worker/src/jobs/read-photo.job.js';
import { electionCode, stationsCsv } from '../../support/election-fixture.js';
import { generatePhotoSet } from '../../support/photo-set/photo-set.js';
import { setupElection, uploadPhoto } from '../../support/pipeline.js';
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

describe('a printed protocol without a QR code, through the photo job with OCR', () => {
  it('is read by OCR against the form, line by line, with a confidence per line', async () => {
    const [clean] = await generatePhotoSet({
      seed: 11,
      count: 1,
      level: 'clean',
      form: presidentialDefinition,
      withQr: false,
    });
    // The sheet names its own station: register it so the photo belongs where it says.
    await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${electionCode}/stations`,
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: stationsCsv(1).replace(/\n0001,/, `\n${clean!.station},`),
    });
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
});
