import type { loadDeskStationExtras } from '../../../repositories/desk.repository.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import { bothSpellings } from '../voter/voter-views.js';
import { shortSha } from './desk-labels.js';
import { chooseCurrent, findingsList, type TFieldError, type TFindingsContext } from './findings-view.js';
import { numbersTable, versionsTable, type TStationView } from './numbers-table.js';
import { shortcutsHelp } from './shortcuts.js';

export type TStationPage = {
  election: string;
  view: TStationView;
  extras: Awaited<ReturnType<typeof loadDeskStationExtras>>;
  form: TFindingsContext['form'];
  askedFlag: string | undefined;
  saved: string | undefined;
  /** The queue the station was opened from (checked; see queueFrom). */
  from: string | undefined;
  error?: TFieldError | undefined;
};

function photos(page: TPage, s: TStationPage): SafeHtml {
  const { t } = page;
  if (s.view.photos.length === 0) return html`<p>${t('web.desk.photosNone')}</p>`;
  return html`<ol class="desk-photos">
    ${s.view.photos.map((p, i) => {
      const stored = s.extras.photoBySha.get(p.sha256);
      // The photo route serves staff every photo not failed in their regions, read or not.
      const src = stored && p.status !== 'failed' ? `/v1/photos/${stored.id}/view` : undefined;
      return html`<li>
        <figure>
          ${
            src &&
            html`<a href="${src}"
              ><img
                src="${src}"
                alt="${t('web.desk.photoAlt', { n: i + 1, station: s.view.station.code })}"
                width="${stored!.width}"
                height="${stored!.height}"
            /></a>`
          }
          <figcaption>
            ${t('web.desk.photoCaption', { n: i + 1, status: t(`web.status.${p.status}`) })}
            <code title="${p.sha256}">${shortSha(p.sha256)}</code>
            ${
              // Why, in the page's language; then the technical detail, in English, for the team.
              p.failureReason &&
              html`<br />${t(`photo.failure.${p.failureCode ?? 'other'}`)} <span lang="en">${p.failureReason}</span>`
            }
          </figcaption>
        </figure>
      </li>`;
    })}
  </ol>`;
}

/** The station view: photos beside the numbers, every official version, the findings. */
export function stationBody(page: TPage, s: TStationPage): SafeHtml {
  const { t } = page;
  const { station } = s.view;
  const base = `/desk/e/${s.election}/s/${encodeURIComponent(station.code)}`;
  const savedKey =
    s.saved === 'note'
      ? 'web.desk.savedNote'
      : s.saved === 'assignment'
        ? 'web.desk.savedAssignment'
        : 'web.desk.savedDecision';
  return html`<p>
      <a href="${page.href(s.from ? `/desk?${s.from}` : `/desk?election=${encodeURIComponent(s.election)}`)}"
        >${t('web.desk.back')}</a
      >
    </p>
    <h1>${t('web.desk.stationTitle', { station: station.code })}</h1>
    ${
      s.error &&
      html`<div class="error" role="alert" id="form-error">
        <p>${s.error.message}</p>
        <p>
          <a href="#${s.error.field === 'reason' ? 'reason' : 'note'}-${s.error.flagId}">${t('web.desk.toField')}</a>
        </p>
      </div>`
    }
    ${s.saved && !s.error && html`<p class="ok" role="status">${t(savedKey)}</p>`}
    <p class="lead">${bothSpellings(page, station.name)}</p>
    <dl class="facts">
      <dt>${t('web.station.region')}</dt>
      <dd>${station.region}</dd>
      <dt>${t('web.station.votersOnList')}</dt>
      <dd>${station.votersOnList}</dd>
    </dl>
    <div class="desk-compare">
      <section aria-labelledby="photos-heading" class="desk-photo-column">
        <h2 id="photos-heading">${t('web.station.photos')}</h2>
        ${photos(page, s)}
      </section>
      <section aria-labelledby="numbers-heading" class="desk-number-column">
        <h2 id="numbers-heading">${t('web.desk.numbers')}</h2>
        ${numbersTable(page, s.form.lines, s.view)}
      </section>
    </div>
    <section aria-labelledby="findings-heading">
      <h2 id="findings-heading">${t('web.station.flags')}</h2>
      ${findingsList(page, s.view.findings, {
        base,
        from: s.from,
        form: s.form,
        assigneeOf: s.extras.assigneeOf,
        currentId: chooseCurrent(s.view.findings, s.askedFlag),
        me: page.principal.kind === 'user' ? page.principal.username : null,
        error: s.error,
      })}
    </section>
    <section aria-labelledby="versions-heading">
      <h2 id="versions-heading">${t('web.desk.versions')}</h2>
      ${versionsTable(page, s.form.lines, s.view)}
    </section>
    ${shortcutsHelp(page, 'station')}`;
}
