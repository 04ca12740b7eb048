import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkingImage } from '../../../apps/worker/src/adapters/image.adapter.js';
import { noOcr, type ProtocolOcr, type TOcrReading } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { handleReadPhoto, type TReadPhotoDeps } from '../../../apps/worker/src/jobs/read-photo.job.js';
import { electionCode, stationsCsv } from '../../support/election-fixture.js';
import { multipart } from '../../support/multipart.js';
import { setupElection, uploadPhoto } from '../../support/pipeline.js';
import { renderProtocolPhoto, type TProtocolPhotoSpec } from '../../support/protocol-image.js';
import { adminHeaders, createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
let deps: TReadPhotoDeps;

// The fixture's honest protocol, by printed line number.
const lines = Object.fromEntries(
  presidentialDefinition.form.lines.map((l) => [l.number, presidentialSampleValues[l.key]!]),
) as Record<number, number>;
const expectedValues = { ...presidentialSampleValues };

beforeAll(async () => {
  api = await createTestApi();
  await setupElection(api);
  deps = { db: api.database.db, store: api.deps.store, ocr: noOcr, maxPhotoPixels: api.config.maxPhotoPixels };
});
afterAll(async () => api?.close());

async function upload(station: string, spec: Partial<TProtocolPhotoSpec>, election = electionCode) {
  const photo = await renderProtocolPhoto({ election, station, lines, qr: true, ...spec });
  const res =
    election === electionCode
      ? await uploadPhoto(api, station, photo)
      : await api.app.inject({
          method: 'POST',
          url: `/v1/elections/${election}/stations/${station}/photos`,
          ...multipart({}, [{ field: 'photo', filename: 'p.jpg', contentType: 'image/jpeg', data: photo }]),
        });
  expect(res.statusCode).toBe(202);
  return res.json() as { id: string; sha256: string };
}

async function read(photoId: string, label: string) {
  const started = performance.now();
  const outcome = await handleReadPhoto({ photoId }, deps);
  console.log(`${label}: read in ${(performance.now() - started).toFixed(0)} ms → ${outcome.kind}`);
  return outcome;
}

const photoRow = (id: string) =>
  api.database.db.selectFrom('protocol_photo').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const readingsOf = (id: string) =>
  api.database.db.selectFrom('reading').selectAll().where('photo_id', '=', id).execute();

describe('handleReadPhoto', () => {
  it('reads a CrossTally QR exactly, keyed by the form lines, once however often it runs', async () => {
    const { id } = await upload('0001', { rotate: 3 });
    expect(await read(id, 'QR upright, tilted 3°')).toEqual({ kind: 'read', method: 'qr' });
    const readings = await readingsOf(id);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({
      method: 'qr',
      reader: 'qr:crosstally-v1',
      confidence: 1,
      station_code_read: '0001',
      line_values: expectedValues,
    });
    expect((await photoRow(id)).status).toBe('read');

    expect(await handleReadPhoto({ photoId: id }, deps)).toEqual({ kind: 'already-done', status: 'read' });
    expect(await readingsOf(id)).toHaveLength(1);
    expect((await photoRow(id)).attempts).toBe(1);
  });

  // Every EXIF orientation: 5 and 7 (mirrored and turned) once came out upside down.
  it.each([6, 8, 3, 5, 7, 2, 4])(
    'turns a photo with EXIF orientation %i upright from the column stored at upload',
    async (o) => {
      const { id, sha256 } = await upload('0002', { orientation: o });
      const row = await photoRow(id);
      // Stored as shot: the pixels turned, the turn kept in the orientation column.
      expect({ orientation: row.orientation, landscape: row.width > row.height }).toEqual({
        orientation: o,
        landscape: o >= 5,
      });
      expect(await read(id, `QR, EXIF orientation ${o}`)).toEqual({ kind: 'read', method: 'qr' });
      expect((await readingsOf(id))[0]).toMatchObject({ station_code_read: '0002', line_values: expectedValues });
      // The working copy made from the stored photo and its orientation column is upright:
      // portrait, with the printed QR in its bottom-right corner.
      const stored = await readFile(api.deps.store.pathFor('protocol', sha256, row.mime));
      const { grey } = await makeWorkingImage(stored, row.orientation, api.config.maxPhotoPixels);
      const { width, height } = grey;
      expect(height).toBeGreaterThan(width);
      const corners = [
        [0, 0],
        [width - 420, 0],
        [0, height - 420],
        [width - 420, height - 420],
      ].map(([left, top]) => {
        let sum = 0;
        for (let y = top!; y < top! + 420; y += 1) {
          for (let x = left!; x < left! + 420; x += 1) sum += grey.data[y * width + x]!;
        }
        return sum / (420 * 420);
      });
      expect(corners.indexOf(Math.min(...corners)), `corner means ${corners.map(Math.round).join(', ')}`).toBe(3);
    },
  );

  it('keeps a QR naming another station as read, with the station it names', async () => {
    const photo = await renderProtocolPhoto({ election: electionCode, station: '0004', lines, qr: true });
    const res = await uploadPhoto(api, '0003', photo);
    const id = res.json().id as string;
    expect(await read(id, 'QR of another station')).toEqual({ kind: 'read', method: 'qr' });
    expect((await readingsOf(id))[0]).toMatchObject({ station_code_read: '0004', line_values: expectedValues });
  });

  it('marks a photo without a QR unread (for people), with no reading', async () => {
    const { id } = await upload('0003', { qr: false });
    expect(await handleReadPhoto({ photoId: id }, deps)).toEqual({ kind: 'unread' });
    expect(await readingsOf(id)).toHaveLength(0);
    expect((await photoRow(id)).status).toBe('unread');
  });

  // A reader standing in for tesseract at the adapter seam (as noOcr does): what the job
  // makes of a reading is the job's, whatever produced it.
  const reading = (confidence: number, lineMethod: TOcrReading['lineMethod'] = {}): ProtocolOcr => ({
    read: async () => ({
      reader: 'tesseract:layout-v1',
      stationCode: null,
      lines: { ...expectedValues },
      confidence,
      lineConfidence: Object.fromEntries(Object.keys(expectedValues).map((k) => [k, confidence])),
      lineMethod,
    }),
    close: async () => undefined,
  });

  it.each([
    [0.95, 'read'],
    [0.85, 'unread'],
  ])(
    'marks a whole OCR reading at confidence %s %s: below the election bar (0.9) it waits for people',
    async (confidence, status) => {
      const { id } = await upload('0004', { qr: false, rotate: confidence * 10 });
      const outcome = await handleReadPhoto({ photoId: id }, { ...deps, ocr: reading(confidence) });
      expect(outcome.kind).toBe(status);
      expect((await photoRow(id)).status).toBe(status);
      // Kept either way, beside the people's entries when it waits for them.
      expect((await readingsOf(id))[0]).toMatchObject({ method: 'ocr', confidence, line_values: expectedValues });
    },
  );

  it('names the lines the relations chose with the reader', async () => {
    const { id } = await upload('0004', { qr: false, rotate: -4 });
    const chosen = reading(0.95, { votes_karpovich: 'ocr+relations', invalid: 'ocr+relations', received: 'ocr' });
    expect(await handleReadPhoto({ photoId: id }, { ...deps, ocr: chosen })).toEqual({ kind: 'read', method: 'ocr' });
    expect((await readingsOf(id))[0]?.reader).toBe('tesseract:layout-v1+relations:invalid,votes_karpovich');
  });

  it('retries, never reads, a stored file altered after upload or missing', async () => {
    const { id, sha256 } = await upload('0005', { qr: true, rotate: -2 });
    const file = api.deps.store.pathFor('protocol', sha256, 'image/jpeg');
    const whole = await readFile(file);
    await writeFile(file, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(handleReadPhoto({ photoId: id }, deps)).rejects.toThrow(/does not match its sha256/);
    await rm(file);
    await expect(handleReadPhoto({ photoId: id }, deps)).rejects.toThrow(/is not in the store/);
    expect((await photoRow(id)).status).toBe('processing');
    expect(await readingsOf(id)).toHaveLength(0);
    // The sender sends it again: the file is back and the retried job reads it.
    await writeFile(file, whole);
    expect(await handleReadPhoto({ photoId: id }, deps)).toEqual({ kind: 'read', method: 'qr' });
  });

  it('waits a moment for the file of a photo just uploaded, instead of failing the attempt', async () => {
    // As when a worker wakes on the upload's commit before the file's fsync is through.
    const { id, sha256 } = await upload('0004', { qr: true, rotate: 3 });
    const file = api.deps.store.pathFor('protocol', sha256, 'image/jpeg');
    const whole = await readFile(file);
    await rm(file);
    const late = new Promise((resolve) => setTimeout(resolve, 300)).then(() => writeFile(file, whole));
    expect(await handleReadPhoto({ photoId: id }, deps)).toEqual({ kind: 'read', method: 'qr' });
    await late;
    expect((await photoRow(id)).attempts).toBe(1);
  });

  it('rejects for good an intact file that cannot be decoded, without throwing', async () => {
    const junk = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), randomBytes(4000), Buffer.from([0xff, 0xd9])]);
    const sha256 = createHash('sha256').update(junk).digest('hex');
    await api.deps.store.put('protocol', sha256, 'image/jpeg', junk);
    const station = await api.database.db
      .selectFrom('station')
      .select(['id', 'election_id'])
      .where('code', '=', '0005')
      .executeTakeFirstOrThrow();
    const { id } = await api.database.db
      .insertInto('protocol_photo')
      .values({
        election_id: station.election_id,
        station_id: station.id,
        sha256,
        mime: 'image/jpeg',
        bytes: junk.length,
        width: 10,
        height: 10,
        orientation: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const outcome = await handleReadPhoto({ photoId: id }, deps);
    expect(outcome.kind).toBe('rejected');
    const row = await photoRow(id);
    expect(row.status).toBe('failed');
    expect(row.failure_reason).toMatch(/not an image|cannot be decoded/);
    expect(await readingsOf(id)).toHaveLength(0);
  });

  it('answers gone for a photo id that does not exist', async () => {
    expect(await handleReadPhoto({ photoId: randomUUID() }, deps)).toEqual({ kind: 'gone' });
  });
});

describe('an election whose protocols carry the Venezuela 2024 acta QR', () => {
  const code = 'demo-venezuela-2024';

  beforeAll(async () => {
    const definition = { ...presidentialDefinition, code, qrFormat: 'venezuela-2024' };
    const created = await api.app.inject({
      method: 'POST',
      url: '/v1/admin/elections',
      headers: adminHeaders,
      payload: definition,
    });
    expect(created.statusCode).toBe(201);
    const stations = await api.app.inject({
      method: 'POST',
      url: `/v1/admin/elections/${code}/stations`,
      headers: { ...adminHeaders, 'content-type': 'text/csv' },
      payload: stationsCsv(2),
    });
    expect(stations.statusCode).toBe(200);
  });

  it('maps the acta votes onto the candidate lines in ballot order', async () => {
    const acta = '201301006.01.1.0001!140,7,10,0,3!0!0';
    const { id } = await upload('0001', { qr: acta, lines: { 7: 140, 8: 7, 9: 10, 10: 0, 11: 3 } }, code);
    expect(await read(id, 'Venezuela 2024 acta QR')).toEqual({ kind: 'read', method: 'qr' });
    const readings = await readingsOf(id);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({
      method: 'qr',
      reader: 'qr:venezuela-2024',
      confidence: 1,
      station_code_read: '201301006.01.1.0001',
      line_values: {
        votes_adamovich: 140,
        votes_barysevich: 7,
        votes_hrynevich: 10,
        votes_dubovik: 0,
        votes_karpovich: 3,
      },
    });
    expect(Object.keys(readings[0]!.line_values)).toHaveLength(5);
  });
});
