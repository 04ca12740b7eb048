import { loadElectionForm, type Db, type TElectionForm } from '@crosstally/shared';
import type { RawBuilder } from 'kysely';
import { roleOf, type TPrincipal } from '../auth/principal.js';
import { regionScope } from '../auth/scope.js';
import { AppError } from '../errors.js';
import { listElectionsGrantedTo, type TElectionRegistry } from '../repositories/election.repository.js';
import { findReportPublishedAt } from '../repositories/report.repository.js';

export type TReportAccess = {
  found: TElectionRegistry;
  form: TElectionForm;
  candidates: string[];
  /** Only the region subtrees granted to this user (journalists, analysts); null: all. */
  scopeUserId: number | null;
  publishedAt: Date | null;
};

type TRegistry = { election: (code: string) => Promise<TElectionRegistry | undefined> };

/**
 * Who may read an election's report, and which part: admins all of it; journalists and
 * analysts their granted regions; the public all of it once an admin published it, and
 * nothing before (answered like a missing election); digitizers none. The JSON report and
 * the report page both ask here, so they can never disagree.
 */
export async function openReport(
  deps: { db: Db; registry: TRegistry },
  code: string,
  principal: TPrincipal,
): Promise<TReportAccess> {
  const found = await deps.registry.election(code);
  const notFound = new AppError('not_found', { key: 'election.notFound', params: { election: code } });
  if (!found) throw notFound;
  const role = roleOf(principal);
  if (role === 'digitizer') throw new AppError('forbidden', { key: 'web.report.forbidden' });
  const publishedAt = await findReportPublishedAt(deps.db, found.election.id);
  if (role === 'anonymous' && !publishedAt) throw notFound;
  const scopeUserId = principal.kind === 'user' && principal.role !== 'admin' ? principal.id : null;
  const form = (await loadElectionForm(deps.db, found.election.id))!;
  return { found, form, candidates: found.candidates.map((c) => c.key), scopeUserId, publishedAt };
}

/** The stations of a report as a SQL condition: the public reads a published report whole. */
export function reportScope(principal: TPrincipal, electionId: number, pathColumn: string): RawBuilder<boolean> {
  return regionScope(principal.kind === 'anonymous' ? { kind: 'root' } : principal, electionId, pathColumn);
}

/**
 * The elections whose report this reader may open: the public the published ones; admins
 * all; journalists and analysts those where they hold a grant (elsewhere their report would
 * be empty); digitizers none.
 */
export async function listReportElections(db: Db, principal: TPrincipal) {
  const role = roleOf(principal);
  if (role === 'digitizer') throw new AppError('forbidden', { key: 'web.report.forbidden' });
  const scoped = principal.kind === 'user' && principal.role !== 'admin' ? principal.id : null;
  const elections = await listElectionsGrantedTo(db, scoped);
  return role === 'anonymous' ? elections.filter((e) => e.published_at !== null) : elections;
}
