import {
  retryOnConflict,
  type Db,
  type EvidenceStore,
  type TSelfReportRequest,
  type TSelfReportResponse,
} from '@crosstally/shared';

export type TSelfReportOutcome = Omit<TSelfReportResponse, 'message'>;
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
import { normalizeVoterToken, pseudonymizeVoter, type TVoterKind } from './voter-pseudonym.js';
import { findElectionOrFail, findStationOrFail } from '../elections/find-election.js';

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

  async submit(
    electionCode: string,
    request: TSelfReportRequest,
    ballot?: TAcceptedImage,
  ): Promise<TSelfReportOutcome> {
    const registry = await findElectionOrFail(this.deps.registry, electionCode);
    const electionId = registry.election.id;
    const station = await findStationOrFail(this.deps.registry, registry, request.station);
    const candidate = registry.candidates.find((c) => c.key === request.candidate);
    if (!candidate) {
      const params = { candidate: request.candidate, election: electionCode };
      throw new AppError('bad_request', { key: 'candidate.notFound', params }, { field: 'candidate' });
    }
    const token = normalizeVoterToken(request.voterKind, request.voterToken, registry.election.country);
    if (!token) {
      throw new AppError('bad_request', { key: `voterToken.${request.voterKind}` }, { field: 'voterToken' });
    }
    const voterHash = pseudonymizeVoter(this.deps.secret, registry.election.code, request.voterKind, token);
    this.deps.limits.report(voterHash.toString('hex'));
    // The ballot photo is on disk before the report that refers to it is committed.
    if (ballot) await this.deps.store.put('ballot', ballot.sha256, ballot.info.mime, ballot.bytes);
    const written = await this.committer.submit({
      electionId,
      voterHash,
      stationId: station.id,
      candidateId: candidate.id,
      ballot: ballot ? { sha256: ballot.sha256, mime: ballot.info.mime, bytes: ballot.bytes.length } : null,
    });
    return {
      status: written.status,
      station: request.station,
      candidate: candidate.key,
      ballotPhoto: ballot ? { sha256: ballot.sha256, known: written.ballotKnown ?? false } : null,
    };
  }

  /** The pseudonym of a voter token for an election, or undefined when the token is malformed. */
  voterKey(
    election: { code: string; country: string | null },
    kind: TVoterKind,
    voterToken: string,
  ): string | undefined {
    const token = normalizeVoterToken(kind, voterToken, election.country);
    return token ? pseudonymizeVoter(this.deps.secret, election.code, kind, token).toString('hex') : undefined;
  }
}
