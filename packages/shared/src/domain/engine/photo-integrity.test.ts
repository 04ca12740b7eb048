import { describe, expect, it } from 'vitest';
import { defaultPolicy, type TStationEvidence } from './engine-types.js';
import { findDuplicatePhoto, findWrongStation } from './photo-integrity.js';

const base: TStationEvidence = {
  station: { code: 'S1', votersOnList: 1000 },
  official: [],
  readings: [],
  selfReports: [],
  partners: [],
};

describe('photo integrity findings', () => {
  it('lists each photo once that also stands for other stations, and nothing when none does', () => {
    expect(findDuplicatePhoto(base, defaultPolicy)).toBeNull();
    const finding = findDuplicatePhoto(
      {
        ...base,
        duplicates: [
          { photoSha256: 'bb', otherStations: ['S9', 'S3', 'S9'] },
          { photoSha256: 'aa', otherStations: ['S2'] },
          { photoSha256: 'cc', otherStations: [] },
        ],
      },
      defaultPolicy,
    );
    expect(finding).toMatchObject({ kind: 'duplicate_photo', strength: 'signal', subject: '' });
    expect(finding!.evidence).toEqual({
      kind: 'duplicate_photo',
      photos: [
        { sha256: 'aa', otherStations: ['S2'] },
        { sha256: 'bb', otherStations: ['S3', 'S9'] },
      ],
    });
  });

  it('keeps a photo of another station apart, with the code it shows', () => {
    const reading = { photoSha256: 'aa', method: 'qr' as const, confidence: 1, values: {} };
    const finding = findWrongStation(
      {
        ...base,
        readings: [
          { ...reading, stationCodeRead: 'S7' },
          { ...reading, photoSha256: 'bb', stationCodeRead: 'S1' },
        ],
      },
      defaultPolicy,
    );
    expect(finding?.evidence).toEqual({
      kind: 'wrong_station',
      photos: [{ sha256: 'aa', stationCodeRead: 'S7', method: 'qr' }],
    });
    expect(findWrongStation({ ...base, readings: [{ ...reading, stationCodeRead: null }] }, defaultPolicy)).toBeNull();
  });
});
