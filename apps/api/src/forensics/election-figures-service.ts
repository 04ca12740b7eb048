import { electionForensics, type Db } from '@crosstally/shared';
import type { RawBuilder } from 'kysely';
import { evidenceVersion, officialDataVersion } from '../repositories/figures.repository.js';
import { electionEstimate, type TElection } from './election-figures.js';
import { FiguresCache } from './figures-cache.js';

type TForensics = Awaited<ReturnType<typeof electionForensics>>;
type TEstimate = Awaited<ReturnType<typeof electionEstimate>>;

/**
 * The election-wide figures (forensics, the estimate) for the JSON API and the report page
 * alike, each computed once and kept while what it rests on stands: the forensics until the
 * next official import, the estimate until a reading, a flag or an import changes.
 */
export class ElectionFiguresService {
  private readonly forensics = new FiguresCache<TForensics>(3600_000);
  private readonly estimates = new FiguresCache<TEstimate>(600_000);

  constructor(private readonly db: Db) {}

  async forensicsOf(election: TElection, scopeKey: string, scope: RawBuilder<boolean>): Promise<TForensics> {
    const key = `${election.id}:${scopeKey}:${await officialDataVersion(this.db, election.id)}`;
    return this.forensics.get(key, () => electionForensics(this.db, election, scope));
  }

  async estimateOf(election: TElection, scopeKey: string, scope: RawBuilder<boolean>, k: number): Promise<TEstimate> {
    const key = `${election.id}:${scopeKey}:${k}:${await evidenceVersion(this.db, election.id)}`;
    return this.estimates.get(key, () => electionEstimate(this.db, election, scope, k));
  }
}

const services = new WeakMap<Db, ElectionFiguresService>();

/** One service per database handle: the API's routes and pages share its caches. */
export function electionFigures(db: Db): ElectionFiguresService {
  let service = services.get(db);
  if (!service) {
    service = new ElectionFiguresService(db);
    services.set(db, service);
  }
  return service;
}
