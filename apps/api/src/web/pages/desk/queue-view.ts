import { reviewStatuses, type TLocalized } from '@crosstally/shared';
import type { listFlagsForReview } from '../../../repositories/review.repository.js';
import { attr, html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import {
  fromParam,
  fromQueue,
  queueSearch,
  reviewedKinds,
  reviewedStrengths,
  type pageOfQueue,
  type TQueueQuery,
} from './desk-forms.js';
import {
  kindLabel,
  statusBadge,
  statusLabel,
  strengthBadge,
  strengthLabel,
  subjectMarkup,
  type TCandidate,
} from './desk-labels.js';

type TQueueFlag = Awaited<ReturnType<typeof listFlagsForReview>>[number];
export type TQueue = {
  elections: { code: string; name: TLocalized }[];
  election: string;
  candidates: TCandidate[];
  regions: string[];
  query: TQueueQuery;
  slice: ReturnType<typeof pageOfQueue<TQueueFlag>>;
  /** The query stops at its limit: there may be more than these. */
  truncated: number | null;
};

function select(page: TPage, name: string, label: string, options: [string, string][], chosen: string | undefined) {
  return html`<div class="field">
    <label for="f-${name}">${label}</label>
    <select id="f-${name}" name="${name}">
      <option value="">${page.t('web.desk.filter.any')}</option>
      ${options.map(([value, text]) => html`<option value="${value}" ${attr('selected', value === chosen)}>${text}</option>`)}
    </select>
  </div>`;
}

function filterForm(page: TPage, q: TQueue): SafeHtml {
  const { t } = page;
  const { query } = q;
  return html`<form method="get" action="${page.href('/desk')}" class="filters" aria-labelledby="filters-title">
    <h2 id="filters-title" class="visually-hidden">${t('web.desk.filters')}</h2>
    ${
      q.elections.length > 1
        ? html`<div class="field">
            <label for="f-election">${t('web.desk.filter.election')}</label>
            <select id="f-election" name="election">
              ${q.elections.map(
                (e) =>
                  html`<option value="${e.code}" ${attr('selected', e.code === q.election)}>
                    ${e.name[page.lang]}
                  </option>`,
              )}
            </select>
          </div>`
        : html`<input type="hidden" name="election" value="${q.election}" />`
    }
    ${select(
      page,
      'kind',
      t('web.desk.filter.kind'),
      reviewedKinds.map((k) => [k, kindLabel(page, k)]),
      query.kind,
    )}
    ${select(
      page,
      'strength',
      t('web.desk.filter.strength'),
      reviewedStrengths.map((s) => [s, strengthLabel(page, s)]),
      query.strength,
    )}
    ${select(
      page,
      'status',
      t('web.desk.filter.status'),
      reviewStatuses.map((s) => [s, statusLabel(page, s)]),
      query.status,
    )}
    ${select(
      page,
      'region',
      t('web.desk.filter.region'),
      q.regions.map((r) => [r, r]),
      query.region,
    )}
    <div class="field check">
      <input type="checkbox" id="f-mine" name="mine" value="1" ${attr('checked', query.mine === '1')} />
      <label for="f-mine">${t('web.desk.filter.mine')}</label>
    </div>
    <div class="field buttons">
      <button type="submit">${t('web.desk.filter.apply')}</button>
      <a href="${page.href(`/desk${queueSearch({ election: q.election }, {})}`)}">${t('web.desk.filter.reset')}</a>
    </div>
  </form>`;
}

function row(page: TPage, q: TQueue, f: TQueueFlag): SafeHtml {
  const from = fromParam(fromQueue({ ...q.query, election: q.election }), '&');
  const href = page.href(`/desk/e/${q.election}/s/${encodeURIComponent(f.station)}?flag=${f.id}${from}`);
  return html`<tr data-row>
    <th scope="row"><a class="row-link" href="${href}">${f.station}</a></th>
    <td>${f.region}</td>
    <td>${kindLabel(page, f.kind)}${f.subject && html` — ${subjectMarkup(page, f.subject, q.candidates)}`}</td>
    <td>${strengthBadge(page, f.strength)}</td>
    <td class="number">${f.minStolenVotes ?? ''}</td>
    <td>${statusBadge(page, f.status)}</td>
    <td>${f.assignedTo ?? ''}</td>
  </tr>`;
}

function pagination(page: TPage, q: TQueue): SafeHtml {
  const { t } = page;
  const { page: at, pages } = q.slice;
  if (pages <= 1) return html``;
  const link = (to: number, text: string, rel: string) =>
    html`<a rel="${rel}" href="${page.href(`/desk${queueSearch(q.query, { election: q.election, page: to })}`)}"
      >${text}</a
    >`;
  return html`<nav class="pages" aria-label="${t('web.desk.pagination')}">
    ${at > 1 && link(at - 1, t('web.desk.previous'), 'prev')}
    <span aria-current="page">${t('web.desk.page', { page: at, pages })}</span>
    ${at < pages && link(at + 1, t('web.desk.next'), 'next')}
  </nav>`;
}

export function queueBody(page: TPage, q: TQueue): SafeHtml {
  const { t } = page;
  return html`${filterForm(page, q)}
    <p role="status" class="count">
      ${t('web.desk.count', { count: q.slice.total })}
      ${q.truncated !== null && html` ${t('web.desk.truncated', { count: q.truncated })}`}
    </p>
    ${
      q.slice.rows.length === 0
        ? html`<p>${t('web.desk.empty')}</p>`
        : html`<table class="queue" id="queue">
            <caption class="visually-hidden">
              ${t('web.desk.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t('web.desk.col.station')}</th>
                <th scope="col">${t('web.desk.col.region')}</th>
                <th scope="col">${t('web.desk.col.kind')}</th>
                <th scope="col">${t('web.desk.filter.strength')}</th>
                <th scope="col">${t('web.desk.col.gap')}</th>
                <th scope="col">${t('web.desk.filter.status')}</th>
                <th scope="col">${t('web.desk.col.assigned')}</th>
              </tr>
            </thead>
            <tbody>
              ${q.slice.rows.map((f) => row(page, q, f))}
            </tbody>
          </table>`
    }
    ${pagination(page, q)}`;
}
