import { redactReportRow, type TPolicy, type TPublicReportRow, type TReportRow } from '@crosstally/shared';
import type pg from 'pg';
import { streamReportRows, type TReportFilter } from '../../../reports/report-query.js';

/**
 * The first `limit` rows of the discrepancy report, redacted as the downloads are: the page
 * shows a screenful, the CSV and JSON carry the rest. The cursor is closed as soon as enough
 * rows are read, so a country's report costs the page no more than its first rows.
 */
export async function loadFirstReportRows(
  pool: pg.Pool,
  electionId: number,
  policy: TPolicy,
  filter: TReportFilter,
  limit: number,
): Promise<{ rows: TPublicReportRow[]; more: boolean }> {
  const client = await pool.connect();
  const rows: TPublicReportRow[] = [];
  let more = false;
  try {
    for await (const row of streamReportRows(client, electionId, policy, filter)) {
      if (rows.length === limit) {
        more = true;
        break;
      }
      rows.push(redactReportRow(row as TReportRow, policy.publicationThreshold));
    }
  } finally {
    client.release();
  }
  return { rows, more };
}
