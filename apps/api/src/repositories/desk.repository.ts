import { uprightSize } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import type { TPrincipal } from '../auth/principal.js';
import { listElectionsGrantedTo, type DbOrTrx } from './election.repository.js';

/** The elections a reviewer has something in: all for admins, those with a grant for others. */
export async function listReviewElections(db: DbOrTrx, principal: TPrincipal) {
  if (principal.kind === 'anonymous') return [];
  return listElectionsGrantedTo(db, principal.kind === 'user' && principal.role !== 'admin' ? principal.id : null);
}

/** Region paths of an election the caller may see, for the queue's region filter. */
export async function listRegionsInScope(db: DbOrTrx, electionId: number, scope: RawBuilder<boolean>) {
  const rows = await sql<{ path: string }>`
    select r.path from region r where r.election_id = ${electionId} and ${scope} order by r.path`.execute(db);
  return rows.rows.map((r) => r.path);
}

/**
 * What the desk shows beside the station view and the view does not carry: each photo's id
 * (to show the image) and who each flag is assigned to. Call it only for a station the
 * caller's scope already admitted.
 */
export async function loadDeskStationExtras(db: DbOrTrx, electionId: number, stationCode: string) {
  const [photos, flags] = await Promise.all([
    db
      .selectFrom('protocol_photo')
      .innerJoin('station', 'station.id', 'protocol_photo.station_id')
      .select([
        'protocol_photo.id',
        'protocol_photo.sha256',
        'protocol_photo.width',
        'protocol_photo.height',
        'protocol_photo.orientation',
      ])
      .where('station.election_id', '=', electionId)
      .where('station.code', '=', stationCode)
      .execute(),
    db
      .selectFrom('flag')
      .innerJoin('station', 'station.id', 'flag.station_id')
      .leftJoin('app_user', 'app_user.id', 'flag.assigned_to')
      .select(['flag.id', 'app_user.username'])
      .where('station.election_id', '=', electionId)
      .where('station.code', '=', stationCode)
      .execute(),
  ]);
  return {
    // Sized as shown: turned upright (see uprightView).
    photoBySha: new Map(photos.map((p) => [p.sha256, { id: p.id, ...uprightSize(p) }])),
    assigneeOf: new Map(flags.map((f) => [f.id, f.username])),
  };
}
