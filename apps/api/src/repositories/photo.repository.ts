import { jobIdFor, type TJobName, type TPhotoSender, type TPhotoStatus } from '@crosstally/shared';
import { sql } from 'kysely';
import type { DbOrTrx } from './election.repository.js';
import type { TAcceptedImage } from '../intake/accept-image.js';

export type TPhotoWrite = {
  electionId: number;
  stationId: number;
  image: TAcceptedImage;
  sender: TPhotoSender;
  /** How many photos of this sender class a station may have waiting for a reader. */
  quota: number;
};
export type TPhotoRecordOutcome =
  { kind: 'recorded' | 'known'; id: string; status: TPhotoStatus } | { kind: 'full'; waiting: number };

type TPhotoRow = { id: string; station_id: number; sha256: string; status: TPhotoStatus; failure_code?: string | null };

/** A photo no reader has finished with: the machine has yet to look, or people have yet to. */
const unreviewedList = `(${(['queued', 'processing', 'unread'] satisfies TPhotoStatus[]).map((s) => `'${s}'`).join(', ')})`;

/**
 * The read job of each photo a statement's `photo` CTE returns, as its outbox row: made in SQL
 * from the returned id, its name and id prefix taken from the job schemas.
 */
const readPhotoJob: TJobName = 'read-photo';
const readPhotoJobsOfPhotoRows = sql`
  insert into outbox (topic, job_id, payload)
  select ${readPhotoJob}, ${jobIdFor(readPhotoJob, '')} || id, jsonb_build_object('photoId', id) from photo`;

/** Advisory lock namespace of a station's photo quota (pg_advisory_xact_lock(int, int)). */
const photoQuotaLock = 0x70686f74; // 'phot'

/**
 * Records a batch of protocol photos and their read jobs in the caller's transaction. A
 * station's quota of unread photos is counted and spent under the station's lock, so
 * concurrent uploads cannot overshoot it; the locks are taken in station order, as everywhere
 * stations are locked, so two batches never wait on each other in a circle. The count is per
 * sender class: open senders share one quota, confirmed senders another, so junk from anyone
 * cannot shut out a photo from a sender a channel confirmed. A photo the station already has
 * is answered as known whatever the quota.
 *
 * The new rows and their jobs go in one statement: the job row is made in SQL from the photo
 * id the insert returns, its name and id prefix taken from the job schemas, and checked
 * against ZReadPhotoJob by the intake's test (building it in TypeScript cost about a fifth of
 * the upload rate).
 */
export async function recordProtocolPhotos(db: DbOrTrx, rows: TPhotoWrite[]): Promise<TPhotoRecordOutcome[]> {
  const stations = [...new Set(rows.map((r) => r.stationId))].sort((a, b) => a - b);
  await sql`select pg_advisory_xact_lock(${photoQuotaLock}, s) from unnest(${stations}::int[]) as s order by s`.execute(
    db,
  );
  const key = (stationId: number, sha256: string) => `${stationId}:${sha256}`;
  const known = new Map<string, TPhotoRow>();
  const found = await sql<TPhotoRow>`
    select p.id, p.station_id, p.sha256, p.status, p.failure_code from protocol_photo p
    join unnest(${rows.map((r) => r.stationId)}::int[], ${rows.map((r) => r.image.sha256)}::text[]) as m(station_id, sha256)
      on p.station_id = m.station_id and p.sha256 = m.sha256`.execute(db);
  for (const r of found.rows) known.set(key(r.station_id, r.sha256), r);
  await reviveFailedForTheTeam(db, [...known.values()]);
  const waiting = await countWaiting(db, stations);
  const decisions = rows.map((r) => {
    if (known.has(key(r.stationId, r.image.sha256))) return 'known' as const;
    const share = `${r.stationId}:${r.sender}`;
    const n = waiting.get(share) ?? 0;
    if (n >= r.quota) return 'full' as const;
    waiting.set(share, n + 1);
    return 'insert' as const;
  });
  const fresh = rows.filter((_, i) => decisions[i] === 'insert');
  const inserted = new Map<string, TPhotoRow>();
  if (fresh.length > 0) {
    const result = await sql<TPhotoRow>`
      with input as (
        select * from unnest(
          ${fresh.map((r) => r.electionId)}::int[], ${fresh.map((r) => r.stationId)}::int[],
          ${fresh.map((r) => r.image.sha256)}::text[], ${fresh.map((r) => r.image.info.mime)}::text[],
          ${fresh.map((r) => r.image.bytes.length)}::int[], ${fresh.map((r) => r.image.info.width)}::int[],
          ${fresh.map((r) => r.image.info.height)}::int[], ${fresh.map((r) => r.image.info.orientation)}::smallint[],
          ${fresh.map((r) => r.sender)}::text[]
        ) as t(election_id, station_id, sha256, mime, bytes, width, height, orientation, sender)
      ),
      photo as (
        insert into protocol_photo (election_id, station_id, sha256, mime, bytes, width, height, orientation, sender)
        select * from input
        returning id, station_id, sha256, status
      ),
      job as (${readPhotoJobsOfPhotoRows})
      select id, station_id, sha256, status from photo`.execute(db);
    for (const r of result.rows) inserted.set(key(r.station_id, r.sha256), r);
  }
  return rows.map((r, i): TPhotoRecordOutcome => {
    const k = key(r.stationId, r.image.sha256);
    if (decisions[i] === 'full') return { kind: 'full', waiting: waiting.get(`${r.stationId}:${r.sender}`) ?? 0 };
    const row = decisions[i] === 'insert' ? inserted.get(k)! : known.get(k)!;
    return { kind: decisions[i] === 'insert' ? 'recorded' : 'known', id: row.id, status: row.status };
  });
}

/**
 * A photo sent again that had failed for a reason of ours, not of its image (its file missing
 * or altered in the store: an upload cut off before its answer, a full disk), goes back in the
 * queue: the resend has just put its file back. A photo whose image could not be read
 * (failure_code set) would only fail again and stays as it is.
 */
async function reviveFailedForTheTeam(db: DbOrTrx, known: TPhotoRow[]): Promise<void> {
  const revive = known.filter((r) => r.status === 'failed' && !r.failure_code);
  if (revive.length === 0) return;
  const { rows } = await sql<{ id: string }>`
    with photo as (
      update protocol_photo set status = 'queued', failure_reason = null, attempts = 0, updated_at = now()
      where id = any(${revive.map((r) => r.id)}::uuid[]) and status = 'failed' and failure_code is null
      returning id
    ),
    job as (${readPhotoJobsOfPhotoRows})
    select id from photo`.execute(db);
  const revived = new Set(rows.map((r) => r.id));
  for (const r of revive) if (revived.has(r.id)) r.status = 'queued';
}

/** Photos waiting for a reader (the machine or people), per station and sender class: `${station}:${sender}`. */
async function countWaiting(db: DbOrTrx, stations: number[]): Promise<Map<string, number>> {
  const { rows } = await sql<{ station_id: number; sender: TPhotoSender; n: number }>`
    select station_id, sender, count(*)::int as n from protocol_photo
    where station_id = any(${stations}::int[]) and status in ${sql.raw(unreviewedList)}
    group by station_id, sender`.execute(db);
  return new Map(rows.map((r) => [`${r.station_id}:${r.sender}`, r.n]));
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

/**
 * Whether a station already has this photo, and how many of its photos from one sender class no
 * reader has finished with: read before the file is written, so a station already full refuses
 * at once (the count that binds is taken again under the station's lock when the row is written).
 */
export async function findStationPhotoRoom(db: DbOrTrx, stationId: number, sender: TPhotoSender, sha256: string) {
  const { rows } = await sql<{ waiting: number; known: boolean }>`
    select count(*) filter (where sender = ${sender} and status in ${sql.raw(unreviewedList)})::int as waiting,
      coalesce(bool_or(sha256 = ${sha256}), false) as known
    from protocol_photo where station_id = ${stationId}`.execute(db);
  return rows[0] ?? { waiting: 0, known: false };
}

/**
 * A photo the public may see: read as a protocol (by the machine or by two people agreeing),
 * never one nobody has looked at yet — junk, a face or worse would be published on upload.
 * Where its bytes are and how it lies.
 */
export async function findPublicPhoto(db: DbOrTrx, id: string) {
  return db
    .selectFrom('protocol_photo')
    .select(['sha256', 'mime', 'orientation', 'width', 'height'])
    .where('id', '=', id)
    .where('status', '!=', 'failed')
    .where(({ exists, selectFrom }) =>
      exists(selectFrom('reading').select('reading.id').whereRef('reading.photo_id', '=', 'protocol_photo.id')),
    )
    .executeTakeFirst();
}
