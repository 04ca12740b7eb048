import {
  isBallotCheckSettled,
  judgeBallotChecks,
  markStationsDirty,
  type Db,
  type TBallotProblem,
  type TLocalized,
} from '@crosstally/shared';
import { appendAudit } from '../audit/audit-log.js';
import { actorOf } from '../auth/principal.js';
import { regionScope } from '../auth/scope.js';
import type { TPerson } from '../digitize/record-entry.js';
import { findElectionOrFail } from '../elections/find-election.js';
import type { RegistryCache } from '../elections/registry-cache.js';
import {
  findBallotPhotoInScope,
  hasChecked,
  insertBallotCheck,
  listBallotChecks,
  lockBallotPhoto,
  nextBallotPhotoToCheck,
  setBallotAgreement,
  type TBallotPhotoRow,
} from '../repositories/ballot-check.repository.js';
import { findElectionCode } from '../repositories/election.repository.js';
import { policyInForce } from '../elections/election-policy.js';

export type TBallotCheckDeps = { db: Db; registry: RegistryCache };

/** What a checker says about a ballot photo, the candidate by key. */
export type TBallotCheckInput = { isBallot: boolean; candidate: string | null; problems: TBallotProblem[] };

export type TBallotCheckOutcome =
  | { kind: 'unknown_candidate' }
  | { kind: 'already_checked' }
  | { kind: 'not_needed' }
  | { kind: 'recorded'; checks: number; settled: boolean; agreement: TAgreementShown };

/** The photo's standing agreement with its candidate by key. */
export type TAgreementShown = { verdict: 'ballot' | 'rejected'; candidate: string | null; votes: number } | null;

/**
 * The next ballot photo for this person to check in an election, with the candidates to
 * choose from. Never the report's own candidate or station: each checker says what they see.
 */
export async function nextBallotToCheck(
  deps: TBallotCheckDeps,
  person: TPerson,
  electionCode: string,
): Promise<{ photo: { id: string; checks: number } | null; candidates: { key: string; name: TLocalized }[] }> {
  const found = await findElectionOrFail(deps.registry, electionCode);
  const { verification } = await policyInForce(deps.db, found.election.id);
  const candidates = found.candidates.map((c) => ({ key: c.key, name: c.name }));
  if (!verification.ballotPhotoRequired || verification.ballotChecks === 0) return { photo: null, candidates };
  const photo = await nextBallotPhotoToCheck(deps.db, {
    electionId: found.election.id,
    userId: person.id,
    scope: regionScope(person, found.election.id, 'r.path'),
    identities: verification.identities,
    needed: verification.ballotChecks,
  });
  return { photo: photo ?? null, candidates };
}

/** The ballot photo, if a report in the person's regions stands on it (else as if missing). */
export function ballotPhotoFor(deps: TBallotCheckDeps, person: TPerson, photoId: string) {
  return findBallotPhotoInScope(deps.db, photoId, (electionId) => regionScope(person, electionId, 'r.path'));
}

/**
 * One person's check of a ballot photo, shared by the JSON API and the web page. The check is
 * kept whatever it says and never edited; the photo's agreement is recounted from all its
 * checks, and the stations of the reports that stand on it are recomputed. A person checks a
 * photo once, and a photo takes no check once it is settled under the policy.
 */
export async function checkBallot(
  deps: TBallotCheckDeps,
  person: TPerson,
  photo: TBallotPhotoRow,
  input: TBallotCheckInput,
): Promise<TBallotCheckOutcome> {
  const registry = await deps.registry.election(await findElectionCode(deps.db, photo.election_id));
  const candidate =
    input.isBallot && input.candidate !== null ? registry?.candidates.find((c) => c.key === input.candidate) : null;
  if (candidate === undefined) return { kind: 'unknown_candidate' };
  const { verification } = await policyInForce(deps.db, photo.election_id);
  const needed = verification.ballotChecks;
  return deps.db.transaction().execute(async (trx): Promise<TBallotCheckOutcome> => {
    const { checks } = await lockBallotPhoto(trx, photo.id);
    if (await hasChecked(trx, photo.id, person.id)) return { kind: 'already_checked' };
    const earlier = await listBallotChecks(trx, photo.id);
    if (needed === 0 || isBallotCheckSettled(judgeBallotChecks(earlier), checks, needed)) return { kind: 'not_needed' };
    const answer = {
      isBallot: input.isBallot,
      candidateId: candidate?.id ?? null,
      problems: [...new Set(input.problems)].sort(),
    };
    const id = await insertBallotCheck(trx, { photoId: photo.id, userId: person.id, ...answer });
    const agreement = judgeBallotChecks([...earlier, answer]);
    const stations = await setBallotAgreement(trx, photo.id, checks + 1, agreement);
    await markStationsDirty(trx, photo.election_id, stations);
    await appendAudit(trx, {
      actor: actorOf(person),
      action: 'ballot.check',
      subject: {
        photo: photo.id,
        check: id,
        isBallot: answer.isBallot,
        candidate: candidate?.key ?? null,
        problems: answer.problems,
      },
    });
    const shown = agreement && {
      verdict: agreement.verdict,
      candidate: registry?.candidates.find((c) => c.id === agreement.candidateId)?.key ?? null,
      votes: agreement.votes,
    };
    return {
      kind: 'recorded',
      checks: checks + 1,
      settled: isBallotCheckSettled(agreement, checks + 1, needed),
      agreement: shown,
    };
  });
}
