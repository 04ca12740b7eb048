import { audited } from '../audit/audited.js';
import { AppError } from '../errors.js';
import { deleteRegionGrant, findRegionByPath, upsertRegionGrant } from '../repositories/region.repository.js';
import { userExists } from '../repositories/user.repository.js';
import type { TAccountsDeps } from './users.service.js';

export type TGrant = { id: number; election: string; region: string };

/**
 * Lets an account see a region subtree of an election (see auth/scope.ts). Granting the
 * same region again keeps the one grant.
 */
export function grantRegion(
  { db }: TAccountsDeps,
  actor: string,
  userId: number,
  { election, region }: { election: string; region: string },
): Promise<TGrant> {
  return audited(
    db,
    actor,
    'grant.create',
    async (trx) => {
      const target = await findRegionByPath(trx, election, region);
      if (!target) throw new AppError('not_found', `no region ${region} in election ${election}`);
      if (!(await userExists(trx, userId))) throw new AppError('not_found', `no user ${userId}`);
      const id = await upsertRegionGrant(trx, { userId, electionId: target.election_id, regionId: target.id });
      return { id, election, region };
    },
    () => ({ user: userId, election, region }),
  );
}

/** Withdraws one of the account's grants. */
export async function revokeGrant(
  { db }: TAccountsDeps,
  actor: string,
  userId: number,
  grantId: number,
): Promise<void> {
  await audited(
    db,
    actor,
    'grant.delete',
    async (trx) => {
      if (!(await deleteRegionGrant(trx, grantId, userId))) throw new AppError('not_found', `no grant ${grantId}`);
    },
    () => ({ user: userId, grant: grantId }),
  );
}
