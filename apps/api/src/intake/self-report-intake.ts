import {
  isConfirmedIdentity,
  retryOnConflict,
  type Db,
  type EvidenceStore,
  type TReportChannel,
  type TSelfReportRequest,
  type TSelfReportResponse,
} from '@crosstally/shared';
import { AppError } from '../errors.js';
import {
  upsertSelfReports,
  type TSelfReportWrite,
  type TSelfReportWritten,
} from '../repositories/self-report.repository.js';
import type { TAcceptedImage } from './accept-image.js';
import { GroupCommitter } from './group-commit.js';
import type { IntakeLimits } from './intake-limits.js';
import type { RegistryCache } from '../elections/registry-cache.js';
import type { TVoterKind } from './voter-pseudonym.js';
import { findElectionOrFail, findStationOrFail } from '../elections/find-election.js';
import { claimedIdentity, type TVoterIdentity } from './voter-identity.js';

export type TSelfReportOutcome = Omit<TSelfReportResponse, 'message'>;

/** What a voter says, whoever they are: their station, their candidate. */
export type TStatement = { station: string; candidate: string };

/** Validates a voter's statement and stores it durably, many statements per commit. */
export class SelfReportIntake {
  private readonly committer: GroupCommitter<TSelfReportWrite, TSelfReportWritten>;

  constructor(
    private readonly deps: {
      db: Db;
      store: EvidenceStore;
      registry: RegistryCache;
      secret: Buffer;
      limits: IntakeLimits;
    },
  ) {
    this.committer = new GroupCommitter(
      // Ballot photos and reports commit together; a batch without photos is one statement.
      (rows) =>
        retryOnConflict(() =>
          rows.some((r) => r.ballot)
            ? deps.db.transaction().execute((trx) => upsertSelfReports(trx, rows))
            : upsertSelfReports(deps.db, rows),
        ),
      (row) => [
        `voter:${row.electionId}:${row.voterHash.toString('hex')}`,
        ...(row.ballot ? [`ballot:${row.ballot.sha256}`] : []),
      ],
    );
  }

  /**
   * A statement from a public face (the JSON API, the web form): its identity is whatever the
   * request claims, so it can be verified only by an issued invitation code.
   */
  async submit(
    electionCode: string,
    request: TSelfReportRequest,
    ballot?: TAcceptedImage,
    channel: Extract<TReportChannel, 'web' | 'api'> = 'api',
  ): Promise<TSelfReportOutcome> {
    const registry = await findElectionOrFail(this.deps.registry, electionCode);
    const station = await findStationOrFail(this.deps.registry, registry, request.station);
    const identity = await claimedIdentity(
      this.deps,
      registry.election,
      station.id,
      request.voterKind,
      request.voterToken,
    );
    return this.record({ registry, station }, request, identity, channel, ballot);
  }

  /**
   * A statement whose identity a channel confirmed (the Telegram bot, from the contact the
   * voter's own account shared). Only the faces that did the confirming may call this.
   */
  async submitConfirmed(
    electionCode: string,
    statement: TStatement,
    identity: TVoterIdentity,
    channel: Extract<TReportChannel, 'telegram'>,
    ballot?: TAcceptedImage,
  ): Promise<TSelfReportOutcome> {
    const registry = await findElectionOrFail(this.deps.registry, electionCode);
    const station = await findStationOrFail(this.deps.registry, registry, statement.station);
    return this.record({ registry, station }, statement, identity, channel, ballot);
  }

  /** The statement at a station already found, from a voter already identified. */
  private async record(
    at: {
      registry: Awaited<ReturnType<typeof findElectionOrFail>>;
      station: Awaited<ReturnType<typeof findStationOrFail>>;
    },
    statement: TStatement,
    identity: TVoterIdentity,
    channel: TReportChannel,
    ballot?: TAcceptedImage,
  ): Promise<TSelfReportOutcome> {
    const { registry, station } = at;
    const electionId = registry.election.id;
    const candidate = registry.candidates.find((c) => c.key === statement.candidate);
    if (!candidate) {
      const params = { candidate: statement.candidate, election: registry.election.code };
      throw new AppError('bad_request', { key: 'candidate.notFound', params }, { field: 'candidate' });
    }
    const voterHash = identity.hash;
    this.deps.limits.report(voterHash.toString('hex'));
    // The ballot photo is on disk before the report that refers to it is committed.
    if (ballot) await this.deps.store.put('ballot', ballot.sha256, ballot.info.mime, ballot.bytes);
    const written = await this.committer.submit({
      electionId,
      voterHash,
      stationId: station.id,
      candidateId: candidate.id,
      identityKind: identity.kind,
      channel,
      ballot: ballot ? { sha256: ballot.sha256, mime: ballot.info.mime, bytes: ballot.bytes.length } : null,
    });
    // Whoever types a number can be anyone holding it (a suspect's number in an officer's
    // hands): a claim is answered the same whether the number is new, seen before or confirmed
    // through the bot (then nothing is written: 'kept'), so the answer never tells who took
    // part. Only a confirmed identity, which is the voter's own, hears that it replaced one.
    const claim = !isConfirmedIdentity(identity.kind);
    return {
      status: claim || written.status === 'kept' ? 'recorded' : written.status,
      station: statement.station,
      candidate: candidate.key,
      identity: identity.kind,
      ballotPhoto: ballot ? { sha256: ballot.sha256, known: written.ballotKnown ?? false } : null,
    };
  }

  /**
   * The identity a public request claims at a station (as `submit` takes it): a pseudonym, and
   * whether an issued invitation code makes it more than a claim.
   */
  identify(
    registry: Awaited<ReturnType<typeof findElectionOrFail>>,
    stationId: number,
    kind: TVoterKind,
    voterToken: string,
  ): Promise<TVoterIdentity> {
    return claimedIdentity(this.deps, registry.election, stationId, kind, voterToken);
  }
}
