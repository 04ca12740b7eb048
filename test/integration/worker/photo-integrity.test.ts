import { presidentialDefinition, presidentialSampleValues } from '@crosstally/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noOcr } from '../../../apps/worker/src/adapters/ocr.adapter.js';
import { handleReadPhoto } from '../../../apps/worker/src/jobs/read-photo.job.js';
import { electionCode } from '../../support/election-fixture.js';
import { recomputeElection } from '../../support/election-jobs.js';
import { setupElection, uploadPhoto } from '../../support/pipeline.js';
import { renderProtocolPhoto } from '../../support/protocol-image.js';
import { createTestApi, type TTestApi } from '../../support/test-api.js';

let api: TTestApi;
beforeAll(async () => {
  api = await createTestApi({}, { pipeline: true });
  await setupElection(api, 4);
});
afterAll(async () => api?.close());

const lines = Object.fromEntries(
  presidentialDefinition.form.lines.map((l) => [l.number, presidentialSampleValues[l.key]!]),
);
const read = (photoId: string) =>
  handleReadPhoto({ photoId }, { db: api.database.db, store: api.deps.store, ocr: noOcr, maxPhotoPixels: 64e6 });
const findings = async (code: string) =>
  (
    await api.database.db
      .selectFrom('flag')
      .innerJoin('station', 'station.id', 'flag.station_id')
      .select(['flag.kind', 'flag.evidence'])
      .where('station.code', '=', code)
      .where('flag.cleared_at', 'is', null)
      .execute()
  ).filter((f) => f.kind !== 'insufficient_evidence');

describe('duplicate and wrong-station photos', () => {
  it('flags the same picture sent for two stations, even re-encoded, and a photo of another station', async () => {
    // The protocol of 0001 (its QR says so), sent for 0001, and a re-encoded copy sent for 0002.
    const photo = await renderProtocolPhoto({
      election: electionCode,
      station: '0001',
      lines,
      qr: true,
      width: 900,
      height: 1270,
    });
    const copy = await sharp(photo).jpeg({ quality: 60 }).toBuffer();
    expect(copy.equals(photo)).toBe(false);
    const first = (await uploadPhoto(api, '0001', photo)).json();
    const second = (await uploadPhoto(api, '0002', copy)).json();
    expect(first.sha256).not.toBe(second.sha256);
    expect(await read(first.id)).toMatchObject({ kind: 'read' });
    expect(await read(second.id)).toMatchObject({ kind: 'read' });
    expect(await recomputeElection(api.app, electionCode)).toMatchObject({ kind: 'recomputed', stations: 4 });

    const at0002 = await findings('0002');
    expect(at0002.map((f) => f.kind).sort()).toEqual(['duplicate_photo', 'wrong_station']);
    expect(at0002.find((f) => f.kind === 'wrong_station')!.evidence).toMatchObject({
      photos: [{ stationCodeRead: '0001' }],
    });
    expect(at0002.find((f) => f.kind === 'duplicate_photo')!.evidence).toMatchObject({
      photos: [{ otherStations: ['0001'] }],
    });
    // The photo of 0001 is not compared as 0002's protocol: no mismatch there.
    expect(at0002.some((f) => f.kind === 'protocol_mismatch')).toBe(false);
    const at0001 = await findings('0001');
    expect(at0001.find((f) => f.kind === 'duplicate_photo')!.evidence).toMatchObject({
      photos: [{ otherStations: ['0002'] }],
    });
  });
});
