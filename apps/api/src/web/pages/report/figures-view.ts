import { selfSelectionWarning, type TLanguage } from '@crosstally/shared';
import type { electionForensics } from '@crosstally/shared';
import type { electionEstimate } from '../../../forensics/election-figures.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';

export type TFigures = {
  estimate: Awaited<ReturnType<typeof electionEstimate>>;
  forensics: Awaited<ReturnType<typeof electionForensics>>;
};

const pct = (x: number) => x.toFixed(1);
const interval = (ci: [number, number]) => `${pct(ci[0])}–${pct(ci[1])}`;

function number(page: TPage, n: number): string {
  const locale: Record<TLanguage, string> = { be: 'be-BY', ru: 'ru-RU', en: 'en-GB' };
  return Math.round(n).toLocaleString(locale[page.lang]);
}

/**
 * The election-wide figures: what the photographed protocols say the country voted (with
 * its intervals and how far the sample is from random), the least number of votes proven
 * taken, and the forensic signals of the official results — each labelled for what it is.
 */
export function figuresView(page: TPage, figures: TFigures, candidateName: (key: string) => string): SafeHtml {
  return html`<section aria-labelledby="estimate-heading" id="estimate">
      <h2 id="estimate-heading">${page.t('web.figures.estimate.title')}</h2>
      <p class="muted">${page.t('web.figures.scope')}</p>
      ${estimateView(page, figures.estimate, candidateName)} ${theftView(page, figures.estimate, candidateName)}
    </section>
    <section aria-labelledby="forensics-heading" id="forensics">
      <h2 id="forensics-heading">${page.t('web.figures.forensics.title')}</h2>
      ${forensicsView(page, figures.forensics)}
    </section>`;
}

function estimateView(page: TPage, estimate: TFigures['estimate'], candidateName: (key: string) => string) {
  const { t } = page;
  const pvt = estimate.pvt;
  if (!pvt) return html`<p>${t('web.figures.estimate.none', { stations: estimate.sample.stations })}</p>`;
  const name = (measure: string) =>
    measure === 'turnout' ? t('web.figures.estimate.turnout') : candidateName(measure);
  return html`<p>
      ${t('web.figures.estimate.basis', {
        stations: number(page, pvt.basis.stations),
        population: number(page, pvt.national.populationStations),
      })}
    </p>
    <p class="caveat">${selfSelectionWarning[page.lang]}</p>
    <table class="numbers figures">
      <thead>
        <tr>
          <th scope="col">${t('web.figures.estimate.measure')}</th>
          <th scope="col">${t('web.figures.estimate.value')}, %</th>
          <th scope="col">${t('web.figures.estimate.ci95')}</th>
          <th scope="col">${t('web.figures.estimate.ci99')}</th>
          <th scope="col">${t('web.figures.estimate.official')}, %</th>
          <th scope="col"><span class="visually-hidden">${t('web.figures.estimate.outside', { level: '' })}</span></th>
        </tr>
      </thead>
      <tbody>
        ${pvt.national.rows.map(
          (row) =>
            html`<tr${row.officialOutside ? html` class="differs"` : ''}>
              <th scope="row">${name(row.measure)}</th>
              <td>${pct(row.estimatePct)}</td>
              <td>${interval(row.ci95)}</td>
              <td>${interval(row.ci99)}</td>
              <td>${row.officialPct === null ? '—' : pct(row.officialPct)}</td>
              <td>
                ${
                  row.officialOutside
                    ? t('web.figures.estimate.outside', { level: row.officialOutside })
                    : t('web.figures.estimate.inside')
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>${t('web.figures.bias.title')}</h3>
    <p>${t('web.figures.bias.intro')}</p>
    <table class="numbers figures">
      <thead>
        <tr>
          <th scope="col">${t('web.figures.estimate.measure')}</th>
          <th scope="col">${t('web.figures.bias.sampled')}, %</th>
          <th scope="col">${t('web.figures.bias.all')}, %</th>
          <th scope="col">${t('web.figures.bias.difference')}</th>
        </tr>
      </thead>
      <tbody>
        ${pvt.biasCheck.rows.map(
          (row) =>
            html`<tr>
              <th scope="row">${name(row.measure)}</th>
              <td>${pct(row.sampledOfficialPct)}</td>
              <td>${pct(row.allOfficialPct)}</td>
              <td>${row.differencePp > 0 ? '+' : ''}${row.differencePp.toFixed(1)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function theftView(page: TPage, estimate: TFigures['estimate'], candidateName: (key: string) => string) {
  const { t } = page;
  const theft = estimate.minimumProvenTheft;
  const rows = Object.entries(theft.national).sort((a, b) => b[1] - a[1]);
  return html`<h3>${t('web.figures.theft.title')}</h3>
    <p>${t('web.figures.theft.intro', { stations: theft.stations })}</p>
    ${
      rows.length === 0
        ? html`<p>${t('web.figures.theft.none')}</p>`
        : html`<ul class="theft">
            ${rows.map(
              ([candidate, votes]) =>
                html`<li>
                  ${t('web.figures.theft.row', { candidate: candidateName(candidate), votes: number(page, votes) })}
                </li>`,
            )}
          </ul>`
    }
    <p class="muted">${t('web.figures.theft.hidden', { k: theft.threshold })}</p>`;
}

function forensicsView(page: TPage, forensics: TFigures['forensics']) {
  const { t } = page;
  const f = forensics.summary;
  if (!f) return html`<p>${t('web.figures.forensics.none')}</p>`;
  const p = (value: number | null) => (value === null ? '—' : value < 0.001 ? '< 0.001' : value.toFixed(3));
  const integer = f.integerPercentages;
  const corner = f.fingerprint.corner;
  const anomalous = f.anomalousVotes;
  return html`<p class="caveat">${t('web.figures.forensics.intro')}</p>
    <ul class="signals">
      <li>
        ${t('web.figures.forensics.integer', {
          observed: number(page, integer.either.observed),
          expected: number(page, integer.either.expected),
          sd: number(page, integer.either.sd),
          excess: number(page, integer.either.excess),
          p: p(integer.either.pValue),
          reps: integer.monteCarlo.reps,
          included: number(page, integer.included),
        })}
      </li>
      <li>
        ${t('web.figures.forensics.fingerprint', {
          share: (100 * corner.stationShare).toFixed(2),
          stations: number(page, corner.stations),
          expected: (100 * corner.expectedStationShare).toFixed(3),
        })}
      </li>
      <li>
        ${t('web.figures.forensics.anomalous', {
          votes: number(page, anomalous.anomalousVotes),
          leaderVotes: number(page, anomalous.leaderVotes),
          share:
            anomalous.leaderVotes > 0 ? ((100 * anomalous.anomalousVotes) / anomalous.leaderVotes).toFixed(1) : '0',
        })}
      </li>
      <li>
        ${t('web.figures.forensics.digits', {
          counts: number(page, f.lastDigits.counts),
          chi: f.lastDigits.chiSquare.toFixed(1),
          p: p(f.lastDigits.pValue),
        })}
      </li>
      <li>${t('web.figures.forensics.stations', { count: number(page, f.stationSignals.stations.length) })}</li>
    </ul>`;
}
