import { findingMethods, selfSelectionWarning, type TMessageKey, type TPolicy } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

/** The report files, with the page's filter: what a journalist cites and a scientist re-checks. */
export function downloadsView(page: TPage, election: string, query: string, k: number): SafeHtml {
  const base = `/v1/elections/${encodeURIComponent(election)}/report`;
  return html`<h2 id="downloads">${page.t('web.report.downloads.title')}</h2>
    <ul>
      <li><a href="${base}.csv${query}">${page.t('web.report.downloads.csv')}</a></li>
      <li><a href="${base}.json${query}">${page.t('web.report.downloads.json')}</a></li>
    </ul>
    <p>${page.t('web.report.redaction', { k })}</p>`;
}

/** How each finding is made and how strong it can be, in plain words, and what the sample is not. */
export function methodView(page: TPage, policy: TPolicy): SafeHtml {
  const { t, lang } = page;
  const kinds = Object.entries(findingMethods).filter(([, m]) => !m.strength.includes('info'));
  return html`<h2 id="method">${t('web.report.method.title')}</h2>
    <p>${selfSelectionWarning[lang]}</p>
    <dl class="method">
      ${kinds.map(
        ([kind, m]) =>
          html`<dt>${t(`web.kind.${kind}` as TMessageKey)}</dt>
            <dd>
              <p>${m.text[lang]}</p>
              <p class="muted">
                ${t('web.report.method.strengths', {
                  list: m.strength.map((s) => t(`web.strength.${s}` as TMessageKey)).join(', '),
                })}
              </p>
            </dd>`,
      )}
    </dl>
    <p>${t('web.report.method.charts')}</p>
    <p class="muted">${t('web.report.method.policy', { policy: policy.id, k: policy.publicationThreshold })}</p>`;
}
