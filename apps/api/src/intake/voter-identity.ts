import type { Db, TIdentityKind } from '@crosstally/shared';
import { AppError } from '../errors.js';
import { findInvitationCode } from '../repositories/invitation-code.repository.js';
import { normalizeVoterToken, pseudonymizeVoter, type TVoterKind } from './voter-pseudonym.js';

/** Who a statement is from: a pseudonym, and how the voter behind it was identified. */
export type TVoterIdentity = { kind: TIdentityKind; hash: Buffer };

type TElectionRef = { id: number; code: string; country: string | null };

/**
 * The identity a public request claims. Nothing a client sends can make it more than a claim,
 * except an invitation code that was issued for the election (and the station's region): a
 * typed phone number is anyone's to type, a bot token the bot did not make is invented.
 */
export async function claimedIdentity(
  deps: { db: Db; secret: Buffer },
  election: TElectionRef,
  stationId: number,
  voterKind: TVoterKind,
  voterToken: string,
): Promise<TVoterIdentity> {
  const token = normalizeVoterToken(voterKind, voterToken, election.country);
  if (!token) throw new AppError('bad_request', { key: `voterToken.${voterKind}` }, { field: 'voterToken' });
  const hash = pseudonymizeVoter(deps.secret, election.code, voterKind, token);
  if (voterKind === 'phone') return { kind: 'typed_phone', hash };
  if (voterKind === 'bot') return { kind: 'claimed_bot', hash };
  const issued = await findInvitationCode(deps.db, election.id, hash, stationId);
  if (!issued) return { kind: 'claimed_code', hash };
  if (!issued.inRegion) {
    throw new AppError('conflict', { key: 'voterToken.codeOtherRegion' }, { field: 'voterToken' });
  }
  return { kind: 'invitation_code', hash };
}

/**
 * The identity of a voter whose phone number a messenger confirmed (the account shared its
 * own contact): the same pseudonym the web gives that number, so one person is one voter
 * whichever way they came.
 */
export function confirmedPhoneIdentity(
  secret: Buffer,
  election: TElectionRef,
  phone: string,
): TVoterIdentity | undefined {
  const e164 = normalizeVoterToken('phone', phone, election.country);
  return e164 ? { kind: 'telegram_contact', hash: pseudonymizeVoter(secret, election.code, 'phone', e164) } : undefined;
}
