import type { TStoredFormLine } from '@crosstally/shared';
import type { loadStationView } from '../../../repositories/station-view.repository.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import { formatTime, methodLabel } from './desk-labels.js';

export type TStationView = NonNullable<Awaited<ReturnType<typeof loadStationView>>>;

/** A cell's number, and why it stands out when it does (said in words, not only colour). */
type TCell = { value: number | string; differs?: string };
type TColumn = { heading: string; valueOf: (line: TStoredFormLine) => TCell };

function cell({ value, differs }: TCell): SafeHtml {
  return differs
    ? html`<td class="differs">
        ${value} <span aria-hidden="true" class="mark">≠</span><span class="visually-hidden">(${differs})</span>
      </td>`
    : html`<td>${value}</td>`;
}

/**
 * Line by line: the latest official number beside every reading of every photo, the
 * voters' own counts and the partners' tallies. A reading that differs from the official
 * number is marked in its cell and its row, in words as well as colour.
 */
export function numbersTable(page: TPage, lines: TStoredFormLine[], view: TStationView): SafeHtml {
  const { t } = page;
  const latest = view.official.at(-1);
  const official = (key: string) => latest?.lines[key];
  const columns: TColumn[] = [];
  const readings = view.photos.flatMap((photo, i) => photo.readings.map((reading) => ({ n: i + 1, reading })));
  for (const { n, reading } of readings) {
    columns.push({
      heading: t('web.desk.readingHead', {
        n,
        method: methodLabel(page, reading.method),
        confidence: `${Math.round(reading.confidence * 100)}%`,
      }),
      valueOf: (line) => {
        const seen = reading.lines[line.key];
        if (seen === undefined) return { value: '—' };
        const want = official(line.key);
        return want !== undefined && seen !== want ? { value: seen, differs: t('web.desk.differs') } : { value: seen };
      },
    });
  }
  if (view.selfReports.length > 0) {
    columns.push({
      heading: t('web.desk.crowdHead'),
      valueOf: (line) => {
        const crowd = line.candidate && view.selfReports.find((c) => c.candidate === line.candidate);
        if (!crowd) return { value: '' };
        const want = official(line.key);
        const value = `${crowd.verified} / ${crowd.total}`;
        return want !== undefined && crowd.verified > want ? { value, differs: t('web.desk.exceeds') } : { value };
      },
    });
  }
  for (const source of [...new Set(view.partners.map((p) => p.source))]) {
    columns.push({
      heading: t('web.desk.partnerHead', { source }),
      valueOf: (line) => {
        const tally = view.partners.find((p) => p.source === source && p.line_key === line.key);
        return { value: tally ? `${tally.verified} / ${tally.verified + tally.unverified}` : '' };
      },
    });
  }
  const differs = (line: TStoredFormLine) =>
    readings.some(({ reading }) => {
      const seen = reading.lines[line.key];
      return seen !== undefined && official(line.key) !== undefined && seen !== official(line.key);
    });
  return html`<table class="numbers desk-numbers">
    <caption>
      ${t('web.desk.numbersCaption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('web.station.line')}</th>
        <th scope="col">
          ${latest ? t('web.desk.officialLatest', { version: latest.version }) : t('web.station.official')}
        </th>
        ${columns.map((c) => html`<th scope="col">${c.heading}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (line) =>
          html`<tr${differs(line) ? html` class="differs"` : ''} data-line="${line.key}">
            <th scope="row">${line.number}. ${line.label[page.lang]}</th>
            <td>${official(line.key) ?? '—'}</td>
            ${columns.map((c) => cell(c.valueOf(line)))}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Every published version side by side; a line a later version changed is marked there. */
export function versionsTable(page: TPage, lines: TStoredFormLine[], view: TStationView): SafeHtml {
  const { t } = page;
  if (view.official.length === 0) return html`<p>${t('web.station.officialNone')}</p>`;
  return html`<table class="numbers">
    <caption>
      ${t('web.desk.versionsCaption')}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('web.station.line')}</th>
        ${view.official.map(
          (o) =>
            html`<th scope="col">
              ${t('web.station.officialVersion', { version: o.version, date: formatTime(o.publishedAt) })}
            </th>`,
        )}
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (line) =>
          html`<tr>
            <th scope="row">${line.number}. ${line.label[page.lang]}</th>
            ${view.official.map((o, i) => {
              const value = o.lines[line.key];
              const before = i > 0 ? view.official[i - 1]!.lines[line.key] : value;
              return cell({ value: value ?? '—', ...(value !== before && { differs: t('web.desk.changed') }) });
            })}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
