import { jobIdFor, type TPhotoStatus } from '@crosstally/shared';
import type { DbOrTrx } from './election.repository.js';
import type { TAcceptedImage } from '../intake/accept-image.js';
import { insertOutbox } from './outbox.repository.js';

export type TPhotoRecordOutcome = { id: string; status: TPhotoStatus; known: boolean };

/** The photo row and its job are committed together: if one exists, so does the other. */
export async function recordProtocolPhoto(
  db: DbOrTrx,
  photo: { electionId: number; stationId: number; image: TAcceptedImage },
): Promise<TPhotoRecordOutcome> {
  const { image } = photo;
  const inserted = await db
    .insertInto('protocol_photo')
    .values({
      election_id: photo.electionId,
      station_id: photo.stationId,
      sha256: image.sha256,
      mime: image.info.mime,
      bytes: image.bytes.length,
      width: image.info.width,
      height: image.info.height,
      orientation: image.info.orientation,
    })
    .onConflict((oc) => oc.constraint('protocol_photo_station_sha_uq').doNothing())
    .returning(['id', 'status'])
    .executeTakeFirst();
  if (inserted) {
    await insertOutbox(db, 'read-photo', jobIdFor('read-photo', inserted.id), { photoId: inserted.id });
    return { id: inserted.id, status: inserted.status, known: false };
  }
  const existing = await db
    .selectFrom('protocol_photo')
    .select(['id', 'status'])
    .where('station_id', '=', photo.stationId)
    .where('sha256', '=', image.sha256)
    .executeTakeFirstOrThrow();
  return { ...existing, known: true };
}

export async function recordBallotPhoto(
  db: DbOrTrx,
  electionId: number,
  image: TAcceptedImage,
): Promise<{ id: string; known: boolean }> {
  const inserted = await db
    .insertInto('ballot_photo')
    .values({ election_id: electionId, sha256: image.sha256, mime: image.info.mime, bytes: image.bytes.length })
    .onConflict((oc) => oc.constraint('ballot_photo_election_sha_uq').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, known: false };
  const existing = await db
    .selectFrom('ballot_photo')
    .select('id')
    .where('election_id', '=', electionId)
    .where('sha256', '=', image.sha256)
    .executeTakeFirstOrThrow();
  return { id: existing.id, known: true };
}

export async function findPhotoWithReadings(db: DbOrTrx, id: string) {
  const photo = await db
    .selectFrom('protocol_photo')
    .innerJoin('station', 'station.id', 'protocol_photo.station_id')
    .innerJoin('election', 'election.id', 'protocol_photo.election_id')
    .select([
      'protocol_photo.id',
      'protocol_photo.sha256',
      'protocol_photo.status',
      'protocol_photo.failure_reason',
      'protocol_photo.created_at',
      'protocol_photo.updated_at',
      'station.code as station_code',
      'election.code as election_code',
    ])
    .where('protocol_photo.id', '=', id)
    .executeTakeFirst();
  if (!photo) return undefined;
  const readings = await db
    .selectFrom('reading')
    .select(['method', 'reader', 'confidence', 'station_code_read', 'line_values', 'created_at'])
    .where('photo_id', '=', id)
    .orderBy('id')
    .execute();
  return { photo, readings };
}
