import { reportedKinds, reportedStrengths, type TMessageKey } from '@crosstally/shared';
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { attr, html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

export const reportKinds: readonly string[] = reportedKinds;

// An empty select sends "": the same as no choice.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());
const ZReportFilter = z.object({
  region: optional(z.string().max(500)),
  kind: optional(z.string().refine((k) => reportKinds.includes(k))),
  strength: optional(z.enum(reportedStrengths)),
});
export type TReportPageFilter = z.infer<typeof ZReportFilter>;

export function parseReportFilter(query: unknown): TReportPageFilter {
  const parsed = ZReportFilter.safeParse(query);
  if (!parsed.success) throw new AppError('bad_request', { key: 'web.report.badFilter' });
  return parsed.data;
}

/** The filter as a query string for links and downloads ("" when nothing is chosen). */
export function filterQuery(filter: TReportPageFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** One GET form for the page: the region narrows the charts and the list, kind and strength the list. */
export function filterForm(
  page: TPage,
  action: string,
  regions: readonly string[],
  filter: TReportPageFilter,
): SafeHtml {
  const { t } = page;
  const option = (value: string, label: string, chosen: string | undefined) =>
    html`<option value="${value}" ${attr('selected', value === (chosen ?? ''))}>${label}</option>`;
  return html`<form method="get" action="${action}" class="filters">
    <div>
      <label for="filter-region">${t('web.report.filter.region')}</label>
      <select id="filter-region" name="region">
        ${option('', t('web.report.filter.allRegions'), filter.region)}
        ${regions.map((r) => option(r, r, filter.region))}
      </select>
    </div>
    <div>
      <label for="filter-kind">${t('web.report.filter.kind')}</label>
      <select id="filter-kind" name="kind">
        ${option('', t('web.report.filter.any'), filter.kind)}
        ${reportKinds.map((k) => option(k, t(`web.kind.${k}` as TMessageKey), filter.kind))}
      </select>
    </div>
    <div>
      <label for="filter-strength">${t('web.report.filter.strength')}</label>
      <select id="filter-strength" name="strength">
        ${option('', t('web.report.filter.any'), filter.strength)}
        ${reportedStrengths.map((s) => option(s, t(`web.strength.${s}`), filter.strength))}
      </select>
    </div>
    <button type="submit">${t('web.report.filter.submit')}</button>
  </form>`;
}
