import {
  markStationsDirty,
  type Db,
  type TPhotoFailureCode,
  type TPhotoStatus,
  type TReadingMethod,
  type TSheetRegistration,
} from '@crosstally/shared';
import { sql } from 'kysely';

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
      // Stations holding the same picture (or a near copy) learn of this one too.
      const twins = await trx
        .selectFrom('protocol_photo')
        .select('station_id')
        .distinct()
        .where('election_id', '=', photo.electionId)
        .where('station_id', '<>', photo.stationId)
        .where((eb) =>
          eb.or([
            eb('phash', '=', outcome.phash!),
            eb('sha256', '=', sql<string>`(select sha256 from protocol_photo where id = ${photoId})`),
          ]),
        )
        .execute();
      await markStationsDirty(trx, photo.electionId, [photo.stationId, ...twins.map((t) => t.station_id)]);
    }
    if (outcome.reading) {
      await markStationsDirty(trx, photo.electionId, [photo.stationId]);
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
        ...(outcome.phash ? { phash: outcome.phash } : {}),
        ...(outcome.sheet ? { sheet: JSON.stringify(outcome.sheet) } : {}),
        updated_at: sql`now()`,
      })
      .where('id', '=', photoId)
      .execute();
  });
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
