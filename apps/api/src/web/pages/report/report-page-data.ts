import type { Db, TLanguage } from '@crosstally/shared';
import type pg from 'pg';
import { roleOf, type TPrincipal } from '../../../auth/principal.js';
import { AppError } from '../../../errors.js';
import type { RegistryCache } from '../../../elections/registry-cache.js';
import { openReport, reportScope } from '../../../reports/report-access.js';
import { loadReportSummary } from '../../../reports/report-summary.js';
import { electionOf } from '../../../forensics/election-figures.js';
import { electionFigures } from '../../../forensics/election-figures-service.js';
import type { TReportPageFilter } from './filter-form.js';
import { loadFirstReportRows } from './first-report-rows.js';
import { loadReportCharts } from './report-charts.js';
import { listReviewStatuses } from '../../../repositories/review.repository.js';
import type { ElectionLeaders } from './turnout-points.js';

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
  filter: TReportPageFilter,
  lang: TLanguage,
) {
  const { db } = deps;
  const access = await openReport(deps, code, principal);
  const electionId = access.found.election.id;
  const scope = (column: string) => reportScope(principal, electionId, column);
  const regions = await db
    .selectFrom('region')
    .select(['path', 'depth'])
    .where('election_id', '=', electionId)
    .where(scope('region.path'))
    .orderBy('path')
    .execute();
  // A region outside the reader's grants reads like one that does not exist.
  if (filter.region && !regions.some((r) => r.path === filter.region)) {
    throw new AppError('not_found', { key: 'web.report.noRegion', params: { region: filter.region } });
  }
  const figures = electionFigures(db);
  const scopeKey = String(access.scopeUserId ?? 'all');
  const election = electionOf(access.found);
  const [summary, flagged, charts, estimate, forensics] = await Promise.all([
    loadReportSummary(db, electionId, scope('r.path'), access.form.policy.publicationThreshold),
    loadFirstReportRows(
      deps.pool,
      electionId,
      access.form.policy,
      { ...filter, scopeUserId: access.scopeUserId },
      stationsShown,
    ),
    loadReportCharts(db, deps.leaders, access.found, scope('r.path'), filter.region ?? null, lang),
    figures.estimateOf(election, scopeKey, scope('r.path'), access.form.policy.publicationThreshold),
    figures.forensicsOf(election, scopeKey, scope('r.path')),
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
  return { access, regions, summary, flagged, charts, statuses, figures: { estimate, forensics } };
}

export type TReportPageData = Awaited<ReturnType<typeof loadReportPage>>;
