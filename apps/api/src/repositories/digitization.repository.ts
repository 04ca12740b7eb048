import type { TDigitizationEntry } from '@crosstally/shared';
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
