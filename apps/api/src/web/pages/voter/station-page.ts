import type { TElectionRegistry } from '../../../repositories/election.repository.js';
import { html, type SafeHtml } from '../../html.js';
import type { TPage } from '../../page-context.js';
import type { TPublicStation } from '../../../stations/public-station.js';
import { outboxPanel, photoForm, voteForm, type TFormRefusal } from './upload-forms.js';
import { bothSpellings, officialTable, photoList } from './voter-views.js';

/** The station as a voter sees it: where it is, the two forms, the official numbers, the photos. */
export function stationBody(
  page: TPage,
  found: TElectionRegistry,
  station: TPublicStation,
  maxPhotoMb: number,
  refusal?: TFormRefusal,
): SafeHtml {
  const { t } = page;
  const code = encodeURIComponent(station.code);
  const base = `/e/${found.election.code}/s/${code}`;
  const api = `/v1/elections/${found.election.code}`;
  const refused = (form: TFormRefusal['form']) => (refusal?.form === form ? refusal : undefined);
  return html`<h1>${t('web.station.title', { station: station.code })}</h1>
    <p class="lead">${bothSpellings(page, station.name)}</p>
    <p class="muted">${found.election.name[page.lang]}</p>
    <dl class="facts">
      <dt>${t('web.station.address')}</dt>
      <dd>${bothSpellings(page, station.address)}</dd>
      <dt>${t('web.station.region')}</dt>
      <dd>${station.region}</dd>
      <dt>${t('web.station.votersOnList')}</dt>
      <dd>${station.votersOnList}</dd>
    </dl>
    <div class="columns">
      ${photoForm(page, page.href(`${base}/photo`), `${api}/stations/${code}/photos?lang=${page.lang}`, maxPhotoMb, refused('photo'))}
      ${voteForm(page, page.href(`${base}/vote`), `${api}/self-reports/form?lang=${page.lang}`, station.code, found.candidates, refused('vote'))}
    </div>
    ${outboxPanel(page)}
    <section aria-labelledby="official-heading">
      <h2 id="official-heading">${t('web.station.official')}</h2>
      ${officialTable(page, found.lines, station)}
    </section>
    <section aria-labelledby="photos-heading">
      <h2 id="photos-heading">${t('web.station.photos')}</h2>
      ${photoList(page, station)}
    </section>
    ${
      station.flags.length > 0 &&
      html`<section aria-labelledby="flags-heading">
        <h2 id="flags-heading">${t('web.station.flags')}</h2>
        <ul>
          ${station.flags.map((f) => html`<li>${t(`web.kind.${f.kind}` as 'web.kind.arithmetic')} — ${t(`web.strength.${f.strength}` as 'web.strength.proof')}</li>`)}
        </ul>
      </section>`
    }`;
}
