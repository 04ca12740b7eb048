import { randomBytes } from 'node:crypto';
import type { Db } from '@crosstally/shared';
import { audited } from '../audit/audited.js';
import type { RegistryCache } from '../elections/registry-cache.js';
import { findElectionOrFail } from '../elections/find-election.js';
import { AppError } from '../errors.js';
import { countInvitationCodes, insertInvitationCodes } from '../repositories/invitation-code.repository.js';
import { findRegionByPath } from '../repositories/region.repository.js';
import { normalizeCode, pseudonymizeVoter } from '../intake/voter-pseudonym.js';

// Crockford's base32: no I, L, O or U, so a code read aloud or off paper has one spelling.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 16 characters of 5 bits: 80 bits, beyond guessing however many codes are out. */
const codeLength = 16;
export const maxCodesPerBatch = 100_000;

export type TIssuedCodes = { election: string; batch: string; region: string | null; codes: string[] };

/** A fresh code, printed in groups of four. */
export function newInvitationCode(): string {
  const bytes = randomBytes(codeLength);
  let code = '';
  for (let i = 0; i < codeLength; i++) code += alphabet[bytes[i]! & 31];
  return code.match(/.{4}/g)!.join('-');
}

/**
 * Issues a batch of one-time codes for an election (and a region: its codes report only for
 * stations there). The codes are returned once, to be printed and handed out; the database
 * keeps only each code's keyed hash, which is also the pseudonym of the voter who redeems it.
 * The audit log records the batch, never a code.
 */
export async function issueInvitationCodes(
  deps: { db: Db; registry: RegistryCache; secret: Buffer },
  actor: string,
  electionCode: string,
  request: { count: number; region?: string | undefined },
): Promise<TIssuedCodes> {
  const { election } = await findElectionOrFail(deps.registry, electionCode);
  const { count } = request;
  if (!Number.isInteger(count) || count < 1 || count > maxCodesPerBatch) {
    throw new AppError('bad_request', `--count: a whole number from 1 to ${maxCodesPerBatch}`);
  }
  const region = request.region ?? null;
  const regionId = region === null ? null : (await findRegionByPath(deps.db, election.code, region))?.id;
  if (regionId === undefined) throw new AppError('not_found', `--region: no region "${region}" in ${election.code}`);

  const codes = Array.from({ length: count }, newInvitationCode);
  const hashes = codes.map((c) => pseudonymizeVoter(deps.secret, election.code, 'code', normalizeCode(c)));
  const batch = `${new Date().toISOString().slice(0, 10)}-${randomBytes(3).toString('hex')}`;
  await audited(
    deps.db,
    actor,
    'codes.issue',
    (trx) => insertInvitationCodes(trx, { electionId: election.id, regionId, name: batch, hashes }),
    (inserted) => ({ election: election.code, batch, region, count: inserted }),
  );
  return { election: election.code, batch, region, codes };
}

/** Per batch: how many codes were issued and how many have been redeemed. */
export async function invitationCodeCounts(
  deps: { db: Db; registry: RegistryCache },
  electionCode: string,
): Promise<{ batch: string; issued: number; redeemed: number }[]> {
  const { election } = await findElectionOrFail(deps.registry, electionCode);
  return countInvitationCodes(deps.db, election.id);
}
