import type { Db } from '@crosstally/shared';
import { sql, type RawBuilder } from 'kysely';
import { electionEstimate, electionForensics, type TElection } from './election-figures.js';
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
    const { rows } = await sql<{ version: string }>`
      select coalesce((select max(id) from official_import where election_id = ${election.id})::text, '') as version`.execute(
      this.db,
    );
    const key = `${election.id}:${scopeKey}:${rows[0]?.version ?? ''}`;
    return this.forensics.get(key, () => electionForensics(this.db, election, scope));
  }

  async estimateOf(election: TElection, scopeKey: string, scope: RawBuilder<boolean>, k: number): Promise<TEstimate> {
    const { rows } = await sql<{ version: string }>`
      select concat_ws(':', (select max(id) from reading),
        (select max(updated_at) from flag where election_id = ${election.id}),
        (select max(id) from official_import where election_id = ${election.id})) as version`.execute(this.db);
    const key = `${election.id}:${scopeKey}:${k}:${rows[0]?.version ?? ''}`;
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
