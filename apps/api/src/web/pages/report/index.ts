import type { FastifyInstance } from 'fastify';
import { ElectionLeaders } from '../../../reports/election-leaders.js';
import { listReportElections } from '../../../reports/report-access.js';
import { loadReportPage } from '../../../reports/report-page.js';
import { html } from '../../html.js';
import { layout } from '../../layout.js';
import { webPage } from '../../web-page.js';
import { parseReportFilter } from './filter-form.js';
import { reportView } from './report-view.js';

/** The public report: the elections one may read, then each election's report with its charts. */
export function reportPages(app: FastifyInstance): void {
  const { db, pool, registry } = app.deps;
  const deps = { db, pool, registry, leaders: new ElectionLeaders(db) };

  webPage(app, {
    method: 'GET',
    url: '/report',
    handler: async (request, _reply, page) => {
      const elections = await listReportElections(db, request.principal);
      const staff = request.principal.kind !== 'anonymous';
      return layout(page, {
        title: page.t('web.report.list.title'),
        assets: ['report.css'],
        body: html`<h1>${page.t('web.report.list.title')}</h1>
          <p>${page.t('web.report.list.intro')}</p>
          ${
            elections.length === 0
              ? html`<p>${page.t('web.report.list.none')}</p>`
              : html`<ul class="elections">
                  ${elections.map(
                    (e) =>
                      html`<li>
                        <a href="${page.href(`/e/${encodeURIComponent(e.code)}/report`)}">${e.name[page.lang]}</a>
                        ${staff && !e.published_at && html` <span class="badge">${page.t('web.report.unpublished')}</span>`}
                      </li>`,
                  )}
                </ul>`
          }`,
      });
    },
  });

  webPage(app, {
    method: 'GET',
    url: '/e/:election/report',
    handler: async (request, _reply, page) => {
      const code = (request.params as { election: string }).election;
      const filter = parseReportFilter(request.query);
      const data = await loadReportPage(deps, code, request.principal, filter, page.lang);
      return layout(page, {
        title: page.t('web.report.title', { election: data.access.found.election.name[page.lang] }),
        wide: true,
        assets: ['report.css'],
        body: reportView(page, data, filter),
      });
    },
  });
}
