import type { TLanguage, TStoredFormLine } from '@crosstally/shared';
import type { TChartsData } from '../../../reports/report-charts.js';
import { summarizeGrid, summarizeHistogram } from '../../charts/chart-summary.js';
import { gridSvg } from '../../charts/grid-svg.js';
import { histogramSvg } from '../../charts/histogram-svg.js';
import { binByChildRegion, type TTurnoutBins } from '../../charts/turnout-bins.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

const labelOf = (lines: TStoredFormLine[], lang: TLanguage) => lines.map((l) => l.label[lang]).join(' + ');

/** The two charts of the selection, what they are made of, and a small histogram per region below it. */
export function chartsView(page: TPage, data: TChartsData, regionHref: (region: string) => string): SafeHtml {
  const { t, lang } = page;
  const scope = data.region ?? t('web.report.filter.allRegions');
  const issued = labelOf(data.lines.issued, lang);
  const registered = data.lines.registered ? data.lines.registered.label[lang] : t('web.report.registryVoters');
  const counted = labelOf(data.lines.counted, lang);
  // The domain's histograms of the selection and of each region one level below it.
  const { all: b, children } = binByChildRegion(data.stations, data.leader.line.candidate, data.region);
  return html`<h2 id="charts">${t('web.report.charts.title', { scope })}</h2>
    <p>${t('web.report.signal')}</p>
    ${
      b.stations === 0 && b.gridStations === 0
        ? html`<p>${t('web.report.charts.none')}</p>`
        : html`<figure class="chart-figure">
              ${turnoutChart(page, b, scope, 'turnout', 'large')}
              <figcaption>${t('web.report.turnout.caption', { issued, registered })}</figcaption>
            </figure>
            ${histogramTable(page, b.histogram)}
            <figure class="chart-figure">
              ${gridSvg(b.grid, {
                id: 'grid',
                title: t('web.report.grid.title', { leader: data.leader.name, scope }),
                desc: gridDesc(page, b.grid),
                xLabel: t('web.report.axis.turnout'),
                yLabel: t('web.report.axis.share', { leader: data.leader.name }),
                legend: (count) => t('web.report.grid.legend', { count }),
              })}
              <figcaption>${t('web.report.grid.caption', { leader: data.leader.name, counted })}</figcaption>
            </figure>`
    }
    ${notDrawn(page, b, data.incomplete)}
    ${
      children.size > 0 &&
      html`<h3>${t('web.report.regions.title')}</h3>
        <ul class="multiples">
          ${[...children].map(
            ([region, bins], i) =>
              html`<li>
                ${turnoutChart(page, bins, region, `turnout-${i}`, 'small')}
                <a href="${regionHref(region)}">${t('web.report.regions.open', { region })}</a>
              </li>`,
          )}
        </ul>`
    }`;
}

function turnoutChart(page: TPage, bins: TTurnoutBins, scope: string, id: string, size: 'large' | 'small') {
  const s = summarizeHistogram(bins.histogram);
  return histogramSvg(
    bins.histogram,
    {
      id,
      title: page.t('web.report.turnout.title', { scope }),
      desc: page.t('web.report.turnout.desc', {
        stations: s.stations,
        mode: s.modeBin,
        modeStations: s.modeStations,
        median: s.medianBin,
      }),
      xLabel: page.t('web.report.axis.turnout'),
      yLabel: page.t('web.report.axis.stations'),
    },
    size,
  );
}

function gridDesc(page: TPage, grid: Uint32Array): string {
  const s = summarizeGrid(grid);
  return page.t('web.report.grid.desc', {
    stations: s.stations,
    turnout: s.densest.turnoutBin,
    share: s.densest.shareBin,
    count: s.densest.stations,
    corner: s.corner,
  });
}

/** The histogram's numbers as a table, for screen readers (the bars say the same to the eye). */
function histogramTable(page: TPage, histogram: readonly number[]) {
  return html`<table class="visually-hidden">
    <caption>
      ${page.t('web.report.turnout.tableCaption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${page.t('web.report.axis.turnout')}</th>
        <th scope="col">${page.t('web.report.axis.stations')}</th>
      </tr>
    </thead>
    <tbody>
      ${histogram.flatMap((n, bin) =>
        n === 0
          ? []
          : [
              html`<tr>
                <td>${bin}–${bin + 1}%</td>
                <td>${n}</td>
              </tr>`,
            ],
      )}
    </tbody>
  </table>`;
}

/** What the charts leave out, and why: never silently. */
function notDrawn(page: TPage, b: TTurnoutBins, incomplete: number) {
  const notes = [
    b.turnoutAbove100 > 0 && page.t('web.report.notDrawn.turnoutAbove100', { count: b.turnoutAbove100 }),
    b.shareAbove100 > 0 && page.t('web.report.notDrawn.shareAbove100', { count: b.shareAbove100 }),
    b.leftOut > 0 && page.t('web.report.notDrawn.leftOut', { count: b.leftOut }),
    incomplete > 0 && page.t('web.report.notDrawn.incomplete', { count: incomplete }),
  ].filter((n): n is string => typeof n === 'string');
  return (
    notes.length > 0 &&
    html`<ul class="notes">
      ${notes.map((n) => html`<li>${n}</li>`)}
    </ul>`
  );
}
