import { isPoolWaitTimeout, redactReportRow, type Db, type TPublicReportRow } from '@crosstally/shared';
import type pg from 'pg';
import type { TPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { streamReportRows, type TReportFilter } from '../repositories/report.repository.js';
import { reportScope, type TReportAccess } from './report-access.js';

export type TReportRowsDeps = { db: Db; pool: pg.Pool };

/**
 * The discrepancy report's rows as the reader may see them: in their scope, the filter
 * applied, redacted under the publication threshold. The CSV, the JSON and the page all read
 * them here, so none of them can show what another hides.
 */
export async function* readPublicReportRows(
  deps: TReportRowsDeps,
  access: TReportAccess,
  principal: TPrincipal,
  filter: TReportFilter,
): AsyncGenerator<TPublicReportRow> {
  const { election } = access.found;
  const { policy } = access.form;
  const scope = reportScope(principal, election.id, 'r.path');
  try {
    for await (const row of streamReportRows(deps.db, deps.pool, election.id, policy, filter, scope)) {
      // The query already leaves out what may not be published; this is the same rule again.
      const published = redactReportRow(row, policy.publicationThreshold);
      if (published) yield published;
    }
  } catch (error) {
    // Every connection of the pool busy past its wait is a busy moment, not a fault.
    if (isPoolWaitTimeout(error)) {
      throw new AppError('unavailable', { key: 'report.busy' });
    }
    throw error;
  }
}

/**
 * The first `limit` rows: the page shows a screenful, the CSV and JSON carry the rest. The
 * cursor is closed as soon as enough rows are read, so a country's report costs the page no
 * more than its first rows.
 */
export async function readFirstReportRows(
  deps: TReportRowsDeps,
  access: TReportAccess,
  principal: TPrincipal,
  filter: TReportFilter,
  limit: number,
): Promise<{ rows: TPublicReportRow[]; more: boolean }> {
  const rows: TPublicReportRow[] = [];
  for await (const row of readPublicReportRows(deps, access, principal, filter)) {
    if (rows.length === limit) return { rows, more: true };
    rows.push(row);
  }
  return { rows, more: false };
}
