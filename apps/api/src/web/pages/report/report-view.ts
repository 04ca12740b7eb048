import type { TLanguage } from '@crosstally/shared';
import type { TReportPageData } from '../../../reports/report-page.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import { chartsView } from './charts-view.js';
import { filterForm, filterQuery, type TReportPageFilter } from './filter-form.js';
import { figuresView } from './figures-view.js';
import { flaggedView } from './flagged-view.js';
import { downloadsView, methodView } from './method-view.js';
import { totalsView } from './totals-view.js';

/** Regions offered in the selector: the top two levels (deeper ones are reached by links). */
const selectorDepth = 2;

/** The report of one election: totals, filter, charts, flagged stations, downloads, method. */
export function reportView(page: TPage, data: TReportPageData, filter: TReportPageFilter): SafeHtml {
  const { t } = page;
  const { access, charts } = data;
  const { election, candidates, lines } = access.found;
  // A finding's subject: a candidate, or a counted line that is no candidate's (against all).
  const subjectName = (key: string, lang: TLanguage) =>
    candidates.find((c) => c.key === key)?.name[lang] ?? lines.find((l) => l.key === key)?.label[lang] ?? key;
  const here = page.href(`/e/${encodeURIComponent(election.code)}/report`);
  const staff = page.principal.kind !== 'anonymous';
  const regions = data.regions.filter((r) => r.split('/').length <= selectorDepth || r === filter.region);
  return html`<h1>${t('web.report.title', { election: election.name[page.lang] })}</h1>
    ${staff && !access.publishedAt && html`<p class="notice">${t('web.report.unpublishedNote')}</p>`}
    <nav aria-label="${t('web.report.contents')}" class="contents">
      <a href="#charts">${t('web.report.contents.charts')}</a>
      <a href="#estimate">${t('web.figures.estimate.title')}</a>
      <a href="#forensics">${t('web.figures.forensics.title')}</a>
      <a href="#flagged">${t('web.report.flagged.title')}</a>
      <a href="#downloads">${t('web.report.downloads.title')}</a>
      <a href="#method">${t('web.report.method.title')}</a>
    </nav>
    ${totalsView(page, data.summary, access.scopeUserId !== null)} ${filterForm(page, here, regions, filter)}
    ${
      charts
        ? chartsView(page, charts, (region) => `${here}${filterQuery({ ...filter, region })}#charts`)
        : html`<h2 id="charts">${t('web.report.contents.charts')}</h2>
            <p>${t('web.report.charts.none')}</p>`
    }
    ${figuresView(page, data.figures, (key) => subjectName(key, page.lang))}
    ${flaggedView(page, {
      election: election.code,
      ...data.flagged,
      statuses: data.statuses,
      candidateName: subjectName,
    })}
    ${downloadsView(page, election.code, filterQuery(filter), access.form.policy.publicationThreshold)}
    ${methodView(page, access.form.policy, data.identities)}`;
}
