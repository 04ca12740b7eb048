import { inRegionSubtreeOf } from '@crosstally/shared';
import type { DbOrTrx } from './election.repository.js';

/** A batch of issued codes, each kept only as its keyed hash. */
export async function insertInvitationCodes(
  db: DbOrTrx,
  batch: { electionId: number; regionId: number | null; name: string; hashes: Buffer[] },
): Promise<number> {
  const rows = batch.hashes.map((code_hash) => ({
    election_id: batch.electionId,
    region_id: batch.regionId,
    batch: batch.name,
    code_hash,
  }));
  let inserted = 0;
  // In slices: one statement's parameters are bounded (65,535), a batch of codes need not be.
  for (let i = 0; i < rows.length; i += 5000) {
    const result = await db
      .insertInto('invitation_code')
      .values(rows.slice(i, i + 5000))
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/**
 * The issued code whose hash this is, and whether the station lies in its region. Undefined:
 * no such code was issued for the election.
 */
export async function findInvitationCode(
  db: DbOrTrx,
  electionId: number,
  codeHash: Buffer,
  stationId: number,
): Promise<{ inRegion: boolean } | undefined> {
  const row = await db
    .selectFrom('invitation_code as c')
    .leftJoin('region as r', 'r.id', 'c.region_id')
    .select((eb) =>
      eb
        .or([
          eb('c.region_id', 'is', null),
          eb.exists(
            eb
              .selectFrom('station as s')
              .innerJoin('region as sr', 'sr.id', 's.region_id')
              .select('s.id')
              .where('s.id', '=', stationId)
              .where(inRegionSubtreeOf('sr.path', 'r.path')),
          ),
        ])
        .as('in_region'),
    )
    .where('c.election_id', '=', electionId)
    .where('c.code_hash', '=', codeHash)
    .executeTakeFirst();
  return row ? { inRegion: Boolean(row.in_region) } : undefined;
}

/** How many codes of an election were issued and redeemed, per batch. */
export async function countInvitationCodes(
  db: DbOrTrx,
  electionId: number,
): Promise<{ batch: string; issued: number; redeemed: number }[]> {
  const rows = await db
    .selectFrom('invitation_code')
    .select((eb) => ['batch', eb.fn.countAll<string>().as('issued'), eb.fn.count<string>('redeemed_at').as('redeemed')])
    .where('election_id', '=', electionId)
    .groupBy('batch')
    .orderBy('batch')
    .execute();
  return rows.map((r) => ({ batch: r.batch, issued: Number(r.issued), redeemed: Number(r.redeemed) }));
}
