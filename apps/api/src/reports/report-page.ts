import type { Db, TLanguage } from '@crosstally/shared';
import type pg from 'pg';
import { roleOf, type TPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import type { RegistryCache } from '../elections/registry-cache.js';
import { electionOf } from '../forensics/election-figures.js';
import { electionFigures } from '../forensics/election-figures-service.js';
import { listRegionsInScope } from '../repositories/desk.repository.js';
import { countReportsByIdentity, loadReportSummary, type TReportFilter } from '../repositories/report.repository.js';
import { listReviewStatuses } from '../repositories/review.repository.js';
import type { ElectionLeaders } from './election-leaders.js';
import { openReport, reportScope } from './report-access.js';
import { loadReportCharts } from './report-charts.js';
import { readFirstReportRows } from './report-rows.js';

/** Rows of the flagged-stations table; the downloads carry all of them. */
const stationsShown = 300;

export type TReportPageDeps = { db: Db; pool: pg.Pool; registry: RegistryCache; leaders: ElectionLeaders };

/**
 * Everything one report page shows, read through the reader's access: the regions they may
 * choose, the totals, the first flagged stations (with review statuses for those who review)
 * and the charts of the chosen region.
 */
export async function loadReportPage(
  deps: TReportPageDeps,
  code: string,
  principal: TPrincipal,
  filter: TReportFilter,
  lang: TLanguage,
) {
  const { db } = deps;
  const access = await openReport(deps, code, principal);
  const electionId = access.found.election.id;
  const scope = reportScope(principal, electionId, 'r.path');
  const regions = await listRegionsInScope(db, electionId, scope);
  // A region outside the reader's grants reads like one that does not exist.
  if (filter.region && !regions.includes(filter.region)) {
    throw new AppError('not_found', { key: 'web.report.noRegion', params: { region: filter.region } });
  }
  const figures = electionFigures(db);
  const scopeKey = String(access.scopeUserId ?? 'all');
  const election = electionOf(access.found);
  const k = access.form.policy.publicationThreshold;
  const [summary, flagged, charts, estimate, forensics, identities] = await Promise.all([
    loadReportSummary(db, electionId, scope, k),
    readFirstReportRows(deps, access, principal, filter, stationsShown),
    loadReportCharts(db, deps.leaders, access.found, scope, filter.region ?? null, lang),
    figures.estimateOf(election, scopeKey, scope, k),
    figures.forensicsOf(election, scopeKey, scope),
    countReportsByIdentity(db, electionId, access.form.policy.verification),
  ]);
  const role = roleOf(principal);
  const statuses =
    role === 'admin' || role === 'analyst'
      ? await listReviewStatuses(
          db,
          electionId,
          flagged.rows.map((r) => r.station),
        )
      : null;
  return { access, regions, summary, flagged, charts, statuses, identities, figures: { estimate, forensics } };
}

export type TReportPageData = Awaited<ReturnType<typeof loadReportPage>>;
