import type { TLocalized } from '@crosstally/shared';
import type { DbOrTrx } from '../repositories/election.repository.js';
import type { TPerson } from './record-entry.js';

/**
 * The elections a person can type for: all of them for an admin, those where a digitizer
 * holds a region grant otherwise (elsewhere their queue would always be empty).
 */
export async function electionsToDigitize(db: DbOrTrx, person: TPerson): Promise<{ code: string; name: TLocalized }[]> {
  let query = db.selectFrom('election as e').select(['e.code', 'e.name']).orderBy('e.id');
  if (person.role !== 'admin')
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('region_grant as g')
          .select('g.id')
          .whereRef('g.election_id', '=', 'e.id')
          .where('g.user_id', '=', person.id),
      ),
    );
  return query.execute();
}

/** The code of the station a photo was sent for: what its protocol should show. */
export async function stationCodeOf(db: DbOrTrx, stationId: number): Promise<string> {
  const row = await db.selectFrom('station').select('code').where('id', '=', stationId).executeTakeFirstOrThrow();
  return row.code;
}
