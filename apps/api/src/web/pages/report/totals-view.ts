import { reportedStrengths, type TMessageKey } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

export type TSummaryRow = { region: string; kind: string; strength: string; stations: number };

/**
 * Stations with an open finding, by kind and strength: for the whole election (or the
 * reader's regions), then per top-level region. The summary's sums of "votes taken" are not
 * shown: a region's sum can be one station's gap, which the threshold hides.
 */
export function totalsView(page: TPage, summary: readonly TSummaryRow[], scoped: boolean): SafeHtml {
  const { t } = page;
  if (summary.length === 0) {
    return html`<h2>${t('web.report.totals.title')}</h2>
      <p>${t('web.report.totals.none')}</p>`;
  }
  const regions = [...new Set(summary.map((r) => r.region))].sort();
  return html`<h2>${t('web.report.totals.title')}</h2>
    ${scoped && html`<p class="muted">${t('web.report.scoped')}</p>`}
    ${kindTable(page, t('web.report.totals.national'), summary)}
    <h3>${t('web.report.totals.regional')}</h3>
    ${kindTable(page, t('web.report.totals.regionalCaption'), summary, regions)}`;
}

/** Rows of kinds (per region when `regions` is given), a column per strength. */
function kindTable(page: TPage, caption: string, summary: readonly TSummaryRow[], regions?: string[]) {
  const { t } = page;
  const count = (rows: readonly TSummaryRow[], strength: string) =>
    rows.filter((r) => r.strength === strength).reduce((sum, r) => sum + r.stations, 0);
  const groups = (regions ?? [null]).map((region) => ({
    region,
    rows: region === null ? summary : summary.filter((r) => r.region === region),
  }));
  return html`<div class="table-scroll" tabindex="0" role="region" aria-label="${caption}">
    <table class="totals">
      <caption>
        ${caption}
      </caption>
      <thead>
        <tr>
          ${regions && html`<th scope="col">${t('web.report.col.region')}</th>`}
          <th scope="col">${t('web.report.col.kind')}</th>
          ${reportedStrengths.map((s) => html`<th scope="col" class="num">${t(`web.strength.${s}` as TMessageKey)}</th>`)}
        </tr>
      </thead>
      ${groups.map(
        ({ region, rows }) =>
          html`<tbody>
            ${[...new Set(rows.map((r) => r.kind))].sort().map((kind, i, kinds) => {
              const ofKind = rows.filter((r) => r.kind === kind);
              return html`<tr>
                ${region !== null && i === 0 && html`<th scope="rowgroup" rowspan="${kinds.length}">${region}</th>`}
                <td>${t(`web.kind.${kind}` as TMessageKey)}</td>
                ${reportedStrengths.map((s) => html`<td class="num">${count(ofKind, s)}</td>`)}
              </tr>`;
            })}
          </tbody>`,
      )}
    </table>
  </div>`;
}
