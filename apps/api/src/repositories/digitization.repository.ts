import type { TDigitizationEntry, TDoubleEntryVerdict } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from './election.repository.js';

/** A photo waiting for people, in the caller's regions, that they have not entered yet. */
export async function nextPhotoToDigitize(db: DbOrTrx, electionId: number, userId: number, scope: RawBuilder<boolean>) {
  const rows = await sql<{ id: string; station: string; entries: number; hasSheet: boolean }>`
    select p.id, s.code as station, p.sheet is not null as "hasSheet",
      (select count(*)::int from digitization_entry d where d.photo_id = p.id and d.superseded_at is null) as entries
    from protocol_photo p join station s on s.id = p.station_id join region r on r.id = s.region_id
    where p.election_id = ${electionId} and p.status = 'unread' and ${scope}
      and not exists (select 1 from digitization_entry d where d.photo_id = p.id and d.user_id = ${userId} and d.superseded_at is null)
    order by entries desc, p.created_at
    limit 1`.execute(db);
  return rows.rows[0];
}

/** The photo if it is in the caller's scope: out of scope reads like missing. */
export async function findPhotoInScope(
  db: DbOrTrx,
  photoId: string,
  scopeOf: (electionId: number) => RawBuilder<boolean>,
) {
  const photo = await db
    .selectFrom('protocol_photo')
    .select(['id', 'election_id', 'station_id', 'sha256', 'mime', 'status', 'width', 'height', 'orientation', 'sheet'])
    .where('id', '=', photoId)
    .executeTakeFirst();
  if (!photo) return undefined;
  const visible = await sql<{ id: string }>`
    select p.id from protocol_photo p join station s on s.id = p.station_id join region r on r.id = s.region_id
    where p.id = ${photoId} and ${scopeOf(photo.election_id)}`.execute(db);
  return visible.rows.length > 0 ? photo : undefined;
}

export async function standingEntries(
  db: DbOrTrx,
  photoId: string,
): Promise<(TDigitizationEntry & { userId: number })[]> {
  const rows = await db
    .selectFrom('digitization_entry')
    .select(['id', 'user_id', 'station_code_read', 'line_values'])
    .where('photo_id', '=', photoId)
    .where('superseded_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, userId: r.user_id, stationCode: r.station_code_read, values: r.line_values }));
}

/** Locks the photo for one entry at a time: two people finishing together see each other. */
export async function lockPhotoForEntry(trx: DbOrTrx, photoId: string): Promise<void> {
  await sql`select id from protocol_photo where id = ${photoId} for update`.execute(trx);
}

/**
 * A person's entry of a photo's numbers; `supersedes` (their standing entry) steps aside
 * first, one standing entry per person, then points to its successor. Returns the new id.
 */
export async function insertEntry(
  trx: DbOrTrx,
  photoId: string,
  userId: number,
  entry: { stationCode: string | null; lines: Record<string, number> },
  supersedes: string | null,
): Promise<string> {
  if (supersedes)
    await trx
      .updateTable('digitization_entry')
      .set({ superseded_at: sql`now()` })
      .where('id', '=', supersedes)
      .execute();
  const created = await trx
    .insertInto('digitization_entry')
    .values({
      photo_id: photoId,
      user_id: userId,
      station_code_read: entry.stationCode,
      line_values: JSON.stringify(entry.lines),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (supersedes)
    await trx
      .updateTable('digitization_entry')
      .set({ superseded_by: created.id })
      .where('id', '=', supersedes)
      .execute();
  return created.id;
}

/** Two agreeing entries become the photo's double-entry reading, and the photo is read. */
export async function recordDoubleEntryReading(
  trx: DbOrTrx,
  photoId: string,
  verdict: Extract<TDoubleEntryVerdict, { status: 'agreed' }>,
): Promise<void> {
  await trx
    .insertInto('reading')
    .values({
      photo_id: photoId,
      method: 'double_entry',
      reader: `double_entry:${verdict.entryIds.join('+')}`,
      station_code_read: verdict.stationCode,
      line_values: JSON.stringify(verdict.values),
      confidence: 1,
    })
    .onConflict((oc) => oc.constraint('reading_photo_method_uq').doNothing())
    .execute();
  await trx
    .updateTable('protocol_photo')
    .set({ status: 'read', updated_at: sql`now()` })
    .where('id', '=', photoId)
    .execute();
}
