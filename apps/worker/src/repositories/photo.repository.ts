import {
  markStationsDirty,
  type Db,
  type DbOrTrx,
  type TPhotoFailureCode,
  type TPhotoStatus,
  type TReadingMethod,
  type TSheetRegistration,
} from '@crosstally/shared';
import { sql } from 'kysely';
import { nearCopyBands, nearCopyBits } from '../adapters/perceptual-hash.js';

export type TReadingWrite = {
  method: Extract<TReadingMethod, 'qr' | 'ocr'>;
  reader: string;
  stationCodeRead: string | null;
  lines: Record<string, number>;
  confidence: number;
  /** Per line, where the reader can tell (OCR); null for QR, which is exact or nothing. */
  lineConfidence?: Record<string, number> | null;
};

export async function loadPhotoContext(db: Db, photoId: string) {
  const row = await db
    .selectFrom('protocol_photo')
    .innerJoin('election', 'election.id', 'protocol_photo.election_id')
    .innerJoin('form_template', 'form_template.election_id', 'protocol_photo.election_id')
    .select([
      'protocol_photo.id',
      'protocol_photo.sha256',
      'protocol_photo.mime',
      'protocol_photo.orientation',
      'protocol_photo.width',
      'protocol_photo.height',
      'protocol_photo.status',
      'protocol_photo.created_at as createdAt',
      'protocol_photo.station_id as stationId',
      'protocol_photo.election_id as electionId',
      'election.code as electionCode',
      'election.qr_format as qrFormat',
      'election.policy',
      'form_template.lines',
      'form_template.relations',
    ])
    .where('protocol_photo.id', '=', photoId)
    .executeTakeFirst();
  return row;
}

/** The reading and the photo's new status land together or not at all. */
export async function savePhotoOutcome(
  db: Db,
  photo: { id: string; stationId: number; electionId: number },
  outcome: {
    status: Extract<TPhotoStatus, 'read' | 'unread' | 'failed'>;
    failureReason: string | null;
    /** Why it failed, for the sender (see TPhotoFailureCode). */
    failureCode?: TPhotoFailureCode;
    reading?: TReadingWrite;
    phash?: string;
    /** Where the printed sheet lies in the working copy, when the OCR found it. */
    sheet?: TSheetRegistration | null;
  },
): Promise<void> {
  const photoId = photo.id;
  await db.transaction().execute(async (trx) => {
    if (outcome.phash) {
      // One outcome of an election at a time looks for its twins: two copies read at once
      // would otherwise each miss the other, neither committed yet.
      await sql`select pg_advisory_xact_lock(hashtext('photo-twins'), ${photo.electionId})`.execute(trx);
      const twins = await findPhotoTwins(trx, photo, outcome.phash, outcome.reading ?? null);
      if (twins.length > 0) {
        await trx
          .insertInto('photo_twin')
          .values(
            twins.flatMap((t) => [
              { photo_id: photoId, twin_id: t.id, distance: t.distance },
              { photo_id: t.id, twin_id: photoId, distance: t.distance },
            ]),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
      // The stations holding a twin learn of this photo too.
      await markStationsDirty(trx, photo.electionId, [photo.stationId, ...twins.map((t) => t.stationId)]);
    }
    if (outcome.reading) {
      if (!outcome.phash) await markStationsDirty(trx, photo.electionId, [photo.stationId]);
      const r = outcome.reading;
      await trx
        .insertInto('reading')
        .values({
          photo_id: photoId,
          method: r.method,
          reader: r.reader,
          station_code_read: r.stationCodeRead,
          line_values: JSON.stringify(r.lines),
          line_confidence: r.lineConfidence ? JSON.stringify(r.lineConfidence) : null,
          confidence: r.confidence,
        })
        .onConflict((oc) => oc.constraint('reading_photo_method_uq').doNothing())
        .execute();
    }
    await trx
      .updateTable('protocol_photo')
      .set({
        status: outcome.status,
        failure_reason: outcome.failureReason,
        failure_code: outcome.failureCode ?? null,
        ...(outcome.phash ? { phash: outcome.phash, phash_bands: nearCopyBands(outcome.phash) } : {}),
        ...(outcome.sheet ? { sheet: JSON.stringify(outcome.sheet) } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', photoId)
      .execute();
  });
}

/**
 * Photos of other stations that are the same picture as this one: their hashes within
 * `nearCopyBits`, and no machine reading of the two that disagrees. A reading is what tells
 * the same picture from another photo of the same printed form: two sheets whose codes or
 * numbers read differently are two sheets, however alike their hashes (aligned renders of
 * one form differ by 0–5 bits of 256).
 */
async function findPhotoTwins(
  trx: DbOrTrx,
  photo: { id: string; stationId: number; electionId: number },
  hash: string,
  reading: TReadingWrite | null,
): Promise<{ id: string; stationId: number; distance: number }[]> {
  const code = reading?.stationCodeRead ?? null;
  const lines = JSON.stringify(reading?.lines ?? {});
  const distance = sql<number>`bit_count(('x' || p.phash)::bit(256) # ${`x${hash}`}::bit(256))`;
  const { rows } = await sql<{ id: string; station_id: number; distance: number }>`
    select p.id, p.station_id, ${distance}::int as distance
    from protocol_photo p
    where p.election_id = ${photo.electionId} and p.station_id <> ${photo.stationId} and p.id <> ${photo.id}
      and p.phash_bands && ${nearCopyBands(hash)}::int[]
      and ${distance} <= ${nearCopyBits}
      and not exists (
        select 1 from reading o
        where o.photo_id = p.id and o.method in ('qr', 'ocr')
          and ((${code}::text is not null and o.station_code_read is not null and o.station_code_read <> ${code}::text)
            or exists (
              select 1 from jsonb_each(o.line_values) e
              where ${lines}::jsonb ? e.key and ${lines}::jsonb -> e.key <> e.value)))`.execute(trx);
  return rows.map((r) => ({ id: r.id, stationId: r.station_id, distance: r.distance }));
}

export async function markPhotoFailed(db: Db, photoId: string, reason: string): Promise<void> {
  await db
    .updateTable('protocol_photo')
    .set({ status: 'failed', failure_reason: reason.slice(0, 500), updated_at: sql`now()` })
    .where('id', '=', photoId)
    .where('status', 'in', ['queued', 'processing'])
    .execute();
}

/** A job has the photo in hand: counted as an attempt, and fresh for the sweeper. */
export async function markPhotoProcessing(db: Db, photoId: string): Promise<void> {
  await db
    .updateTable('protocol_photo')
    .set({ status: 'processing', attempts: sql`attempts + 1`, updated_at: sql`now()` })
    .where('id', '=', photoId)
    .execute();
}
