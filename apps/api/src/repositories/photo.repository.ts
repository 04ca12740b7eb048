import { jobIdFor, type TJobName, type TPhotoStatus } from '@crosstally/shared';
import { sql } from 'kysely';
import type { DbOrTrx } from './election.repository.js';
import type { TAcceptedImage } from '../intake/accept-image.js';

export type TPhotoWrite = { electionId: number; stationId: number; image: TAcceptedImage };
export type TPhotoRecordOutcome = { id: string; status: TPhotoStatus; known: boolean };

/**
 * One statement inserts the new photos and their jobs; a second finds the known ones. The
 * job row is made in SQL from the photo id the insert returns, its name and id prefix taken
 * from the job schemas, and checked against ZReadPhotoJob by the intake's test: building it
 * in TypeScript (ids made here, rows passed back in) cost about a fifth of the upload rate.
 */
export async function recordProtocolPhotos(db: DbOrTrx, rows: TPhotoWrite[]): Promise<TPhotoRecordOutcome[]> {
  const job: TJobName = 'read-photo';
  const inserted = await sql<{ id: string; station_id: number; sha256: string; status: TPhotoStatus }>`
    with input as (
      select * from unnest(
        ${rows.map((r) => r.electionId)}::int[], ${rows.map((r) => r.stationId)}::int[],
        ${rows.map((r) => r.image.sha256)}::text[], ${rows.map((r) => r.image.info.mime)}::text[],
        ${rows.map((r) => r.image.bytes.length)}::int[], ${rows.map((r) => r.image.info.width)}::int[],
        ${rows.map((r) => r.image.info.height)}::int[], ${rows.map((r) => r.image.info.orientation)}::smallint[]
      ) as t(election_id, station_id, sha256, mime, bytes, width, height, orientation)
    ),
    photo as (
      insert into protocol_photo (election_id, station_id, sha256, mime, bytes, width, height, orientation)
      select * from input
      on conflict on constraint protocol_photo_station_sha_uq do nothing
      returning id, station_id, sha256, status
    ),
    job as (
      insert into outbox (topic, job_id, payload)
      select ${job}, ${jobIdFor(job, '')} || id, jsonb_build_object('photoId', id) from photo
    )
    select id, station_id, sha256, status from photo`.execute(db);
  const key = (stationId: number, sha256: string) => `${stationId}:${sha256}`;
  const fresh = new Map(inserted.rows.map((r) => [key(r.station_id, r.sha256), r]));
  const missing = rows.filter((r) => !fresh.has(key(r.stationId, r.image.sha256)));
  const known = new Map<string, { id: string; status: TPhotoStatus }>();
  if (missing.length > 0) {
    const found = await sql<{ id: string; station_id: number; sha256: string; status: TPhotoStatus }>`
      select p.id, p.station_id, p.sha256, p.status from protocol_photo p
      join unnest(${missing.map((r) => r.stationId)}::int[], ${missing.map((r) => r.image.sha256)}::text[]) as m(station_id, sha256)
        on p.station_id = m.station_id and p.sha256 = m.sha256`.execute(db);
    for (const r of found.rows) known.set(key(r.station_id, r.sha256), r);
  }
  return rows.map((r) => {
    const k = key(r.stationId, r.image.sha256);
    const row = fresh.get(k);
    if (row) return { id: row.id, status: row.status, known: false };
    const old = known.get(k)!;
    return { id: old.id, status: old.status, known: true };
  });
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
      'protocol_photo.failure_code',
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

/** Photos of a station that no reader has read yet: a station takes only so many at a time. */
export async function countUnreviewedPhotos(db: DbOrTrx, stationId: number): Promise<number> {
  const row = await db
    .selectFrom('protocol_photo')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('station_id', '=', stationId)
    .where('status', 'in', ['queued', 'processing', 'unread'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A photo the public may see (any but a failed one): where its bytes are and how it lies. */
export async function findPublicPhoto(db: DbOrTrx, id: string) {
  return db
    .selectFrom('protocol_photo')
    .select(['sha256', 'mime', 'orientation'])
    .where('id', '=', id)
    .where('status', '!=', 'failed')
    .executeTakeFirst();
}
