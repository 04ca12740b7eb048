import { defaultPolicy, prepareForm, strongestReadingPerPhoto, type TPhotoReading } from '@crosstally/shared';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectReadings } from '../../../packages/shared/src/domain/engine/readings.js';
import { clearEvidence, createReadModelFixture, type TReadModelFixture } from '../../support/read-model.js';

// The SQL that picks each photo's reading (report, figures) against the engine's own choice.
let fixture: TReadModelFixture;
beforeAll(async () => (fixture = await createReadModelFixture(1)));
afterAll(async () => fixture?.api.close());

const form = prepareForm({ lines: [{ key: 'a', number: 1 }], relations: [] });
// Every reading counts with the engine (no wrong station, no confidence floor): only the
// choice among a photo's readings is compared.
const policy = { ...defaultPolicy, minOcrConfidence: 0 };

// A photo has at most one reading per method (reading_photo_method_uq): any subset of them,
// with any confidence (in 1/64 steps, exact in any float column) and values.
const arbitraryPhotos = fc.uniqueArray(
  fc.record({
    photo: fc.integer({ min: 0, max: 3 }),
    method: fc.constantFrom<TPhotoReading['method']>('qr', 'double_entry', 'ocr'),
    confidence: fc.integer({ min: 0, max: 64 }).map((c) => c / 64),
    value: fc.nat(500),
  }),
  { minLength: 1, maxLength: 12, selector: (r) => `${r.photo}:${r.method}` },
);

async function insertReadings(
  readings: { photo: number; method: TPhotoReading['method']; confidence: number; value: number }[],
) {
  const db = fixture.api.database.db;
  const photoIds = new Map<number, string>();
  for (const photo of new Set(readings.map((r) => r.photo))) {
    const row = await db
      .insertInto('protocol_photo')
      .values({
        election_id: fixture.electionId,
        station_id: fixture.stations[0]!,
        sha256: `sha-${photo}`,
        mime: 'image/jpeg',
        bytes: 1,
        width: 1,
        height: 1,
        orientation: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    photoIds.set(photo, row.id);
  }
  await db
    .insertInto('reading')
    .values(
      readings.map((r) => ({
        photo_id: photoIds.get(r.photo)!,
        method: r.method,
        reader: 'test',
        station_code_read: null,
        line_values: JSON.stringify({ a: r.value }),
        confidence: r.confidence,
      })),
    )
    .execute();
}

describe('strongestReadingPerPhoto', () => {
  it('keeps, of each photo, the reading the engine keeps', async () => {
    await fc.assert(
      fc.asyncProperty(arbitraryPhotos, async (readings) => {
        await clearEvidence(fixture);
        await insertReadings(readings);
        const { rows } = await sql<{ sha256: string; method: string; confidence: number; line_values: object }>`
          select sha256, method, confidence, line_values
          from ${strongestReadingPerPhoto(sql<boolean>`p.station_id = ${fixture.stations[0]!}`)} s`.execute(
          fixture.api.database.db,
        );
        const engine = selectReadings(
          form,
          {
            station: { code: '0001', votersOnList: 1 },
            official: [],
            readings: readings.map((r) => ({
              photoSha256: `sha-${r.photo}`,
              method: r.method,
              confidence: r.confidence,
              stationCodeRead: null,
              values: { a: r.value },
            })),
            selfReports: [],
            partners: [],
          },
          policy,
        );
        const sqlChoice = rows
          .map((r) => ({ sha256: r.sha256, method: r.method, confidence: r.confidence, values: r.line_values }))
          .sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
        expect(sqlChoice).toEqual(
          engine.map(({ reading: r }) => ({
            sha256: r.photoSha256,
            method: r.method,
            confidence: r.confidence,
            values: r.values,
          })),
        );
      }),
      { numRuns: 40 },
    );
  });
});
