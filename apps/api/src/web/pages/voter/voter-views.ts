import type { TLocalized, TStoredFormLine } from '@crosstally/shared';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import type { TStationHit } from '../../../stations/station-search.js';
import type { TPublicStation } from '../../../stations/public-station.js';

export type TElectionChoice = { code: string; name: TLocalized };

export function searchForm(
  page: TPage,
  elections: TElectionChoice[],
  chosen: string | undefined,
  query = '',
): SafeHtml {
  const { t } = page;
  return html`<form method="get" action="${page.href('/search')}" class="stack search" role="search">
    ${
      elections.length === 1
        ? html`<input type="hidden" name="election" value="${elections[0]!.code}" />`
        : html`<label for="election">${t('web.search.election')}</label>
            <select id="election" name="election">
              ${elections.map(
                (e) =>
                  html`<option value="${e.code}" ${e.code === chosen ? html` selected` : ''}>
                    ${e.name[page.lang]}
                  </option>`,
              )}
            </select>`
    }
    <label for="q">${t('web.search.query')}</label>
    <input
      id="q"
      name="q"
      type="search"
      value="${query}"
      required
      minlength="1"
      maxlength="200"
      autocomplete="off"
      inputmode="search"
    />
    <button type="submit">${t('web.search.submit')}</button>
  </form>`;
}

/** Both spellings, the reader's language first: people know their street in one of them. */
export function bothSpellings(page: TPage, text: { be: string; ru: string }): SafeHtml {
  const first = page.lang === 'ru' ? 'ru' : 'be';
  const second = first === 'be' ? 'ru' : 'be';
  return text.be === text.ru
    ? html`<span lang="${first}">${text[first]}</span>`
    : html`<span lang="${first}">${text[first]}</span> <span class="muted" lang="${second}">(${text[second]})</span>`;
}

export function searchResults(page: TPage, election: string, hits: TStationHit[], more: boolean): SafeHtml {
  const { t } = page;
  if (hits.length === 0) return html`<p role="status">${t('web.search.none')}</p>`;
  return html`<p role="status">
      ${more ? t('web.search.more', { count: hits.length }) : t('web.search.results', { count: hits.length })}
    </p>
    <ul class="hits">
      ${hits.map(
        (h) =>
          html`<li>
            <a href="${page.href(`/e/${election}/s/${encodeURIComponent(h.code)}`)}"
              ><strong>${h.code}</strong> ${bothSpellings(page, h.name)}</a
            >
            <br /><span class="muted">${bothSpellings(page, h.address)} · ${h.region}</span>
          </li>`,
      )}
    </ul>`;
}

export function officialTable(page: TPage, lines: TStoredFormLine[], station: TPublicStation): SafeHtml {
  const { t } = page;
  const latest = station.official[0];
  if (!latest) return html`<p>${t('web.station.officialNone')}</p>`;
  const read = station.photos.flatMap((p) => p.readings).at(0);
  return html`<table class="numbers">
    <caption>
      ${t('web.station.officialVersion', { version: latest.version, date: latest.at.toISOString().slice(0, 10) })}
    </caption>
    <thead>
      <tr>
        <th scope="col">${t('web.station.line')}</th>
        <th scope="col">${t('web.station.official')}</th>
        ${read && html`<th scope="col">${t('web.station.reading')}</th>`}
      </tr>
    </thead>
    <tbody>
      ${lines.map((line) => {
        const official = latest.lines[line.key];
        const seen = read?.lines[line.key];
        const differs = read && seen !== undefined && official !== undefined && seen !== official;
        return html`<tr${differs ? html` class="differs"` : ''}><th scope="row">${line.number}. ${line.label[page.lang]}</th><td>${official ?? '—'}</td>${read && html`<td>${seen ?? '—'}</td>`}</tr>`;
      })}
    </tbody>
  </table>`;
}

export function photoList(page: TPage, station: TPublicStation): SafeHtml {
  const { t } = page;
  if (station.photos.length === 0) return html`<p>${t('web.station.photosNone')}</p>`;
  return html`<ul class="photos">
    ${station.photos.map(
      (p) =>
        html`<li>
          <a href="/v1/photos/${p.id}/view"
            ><img
              src="/v1/photos/${p.id}/view"
              alt="${t('web.station.photoAlt', { station: station.code })}"
              width="${Math.round((160 * p.width) / Math.max(1, p.height))}"
              height="160"
              loading="lazy"
          /></a>
          <br /><a href="${page.href(`/photos/${p.id}`)}">${t(`web.status.${p.status}`)}</a>
        </li>`,
    )}
  </ul>`;
}
