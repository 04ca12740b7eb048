import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { readSelfReportForm } from '../../../intake/self-report-form.js';
import { uploadStationPhoto } from '../../../intake/station-photo-upload.js';
import { findPhotoWithReadings } from '../../../repositories/photo.repository.js';
import { html } from '../../html.js';
import { layout } from '../../layout.js';
import { webPage } from '../../web-page.js';
import { StationSearch } from '../../station-search.js';
import { loadPublicStation } from './public-station.js';
import { outboxPanel, photoForm, voteForm } from './upload-forms.js';
import { bothSpellings, officialTable, photoList, searchForm, searchResults } from './voter-views.js';

const ZSearch = z.object({ election: z.string().max(64).optional(), q: z.string().max(200).optional() });
const ZStationParams = z.object({ election: z.string().max(64), station: z.string().max(64) });
const resultsShown = 30;

/** The voter's pages: find a station, see it, send a protocol photo, say how you voted. */
export function voterPages(app: FastifyInstance): void {
  const { db, registry, config, selfReports, limits } = app.deps;
  const search = new StationSearch(db);
  const elections = () => db.selectFrom('election').select(['code', 'name']).orderBy('id').execute();

  async function electionOrFail(code: string) {
    const found = await registry.election(code);
    if (!found) throw new AppError('not_found', { key: 'election.notFound', params: { election: code } });
    return found;
  }

  webPage(app, {
    method: 'GET',
    url: '/',
    handler: async (_request, _reply, page) => {
      const all = await elections();
      return layout(page, {
        title: page.t('web.home.title'),
        body: html`<h1>${page.t('web.home.title')}</h1>
          <p>${page.t('web.home.intro')}</p>
          ${all.length ? searchForm(page, all, all[0]?.code) : html`<p>${page.t('web.home.noElections')}</p>`}`,
      });
    },
  });

  webPage(app, {
    method: 'GET',
    url: '/search',
    handler: async (request, reply, page) => {
      const { election: code, q = '' } = ZSearch.parse(request.query);
      const all = await elections();
      const chosen = all.find((e) => e.code === code) ?? all[0];
      if (!chosen) throw new AppError('not_found', { key: 'web.home.noElections' });
      const found = await electionOrFail(chosen.code);
      const tooShort = q.trim().length < 2 && !/^\d+$/.test(q.trim());
      const { hits, more } = tooShort
        ? { hits: [], more: false }
        : await search.find(found.election.id, q, resultsShown);
      if (tooShort) reply.status(400);
      return layout(page, {
        title: `${page.t('web.search.submit')}: ${q}`,
        body: html`<h1>${page.t('web.home.title')}</h1>
          ${searchForm(page, all, chosen.code, q)}
          ${tooShort ? html`<p class="error" role="alert">${page.t('web.search.tooShort')}</p>` : searchResults(page, chosen.code, hits, more)}`,
      });
    },
  });

  webPage(app, {
    method: 'GET',
    url: '/e/:election/s/:station',
    handler: async (request, _reply, page) => {
      const params = ZStationParams.parse(request.params);
      const found = await electionOrFail(params.election);
      const station = await loadPublicStation(db, found.election.id, params.station);
      if (!station) {
        throw new AppError('not_found', {
          key: 'station.notFound',
          params: { station: params.station, election: params.election },
        });
      }
      const { t } = page;
      const base = `/e/${params.election}/s/${encodeURIComponent(station.code)}`;
      const api = `/v1/elections/${params.election}`;
      return layout(page, {
        title: t('web.station.title', { station: station.code }),
        body: html`<h1>${t('web.station.title', { station: station.code })}</h1>
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
            ${photoForm(page, page.href(`${base}/photo`), `${api}/stations/${encodeURIComponent(station.code)}/photos?lang=${page.lang}`, Math.floor(config.maxPhotoBytes / (1024 * 1024)))}
            ${voteForm(page, page.href(`${base}/vote`), `${api}/self-reports/form?lang=${page.lang}`, station.code, found.candidates)}
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
          }`,
      });
    },
  });

  webPage(app, {
    method: 'POST',
    url: '/e/:election/s/:station/photo',
    onRequest: limits.byAddress,
    handler: async (request, reply, page) => {
      const params = ZStationParams.parse(request.params);
      const outcome = await uploadStationPhoto(app.deps, params.election, params.station, request);
      return reply.redirect(page.href(`/photos/${outcome.id}${outcome.known ? '?known=1' : ''}`), 303);
    },
  });

  webPage(app, {
    method: 'POST',
    url: '/e/:election/s/:station/vote',
    onRequest: limits.byAddress,
    handler: async (request, reply, page) => {
      const params = ZStationParams.parse(request.params);
      const found = await electionOrFail(params.election);
      const { report, ballot } = await readSelfReportForm(config, request);
      if (report.station !== params.station) {
        throw new AppError('bad_request', {
          key: 'field.invalid',
          params: { field: 'station', problem: params.station },
        });
      }
      const outcome = await selfReports.submit(params.election, report, ballot);
      const candidate = found.candidates.find((c) => c.key === outcome.candidate)?.name[page.lang] ?? outcome.candidate;
      reply.status(outcome.status === 'recorded' ? 201 : 200);
      const { t } = page;
      return layout(page, {
        title: t('web.receipt.title'),
        body: html`<h1>${t('web.receipt.title')}</h1>
          <p role="status" class="ok">
            ${t(`selfReport.${outcome.status}`)} ${t('web.receipt.voteIntro', { candidate })}
          </p>
          ${
            outcome.ballotPhoto &&
            html`<dl class="facts">
              <dt>${t('web.receipt.sha256')}</dt>
              <dd><code>${outcome.ballotPhoto.sha256}</code></dd>
            </dl>`
          }
          <p>
            <a href="${page.href(`/e/${params.election}/s/${encodeURIComponent(params.station)}`)}"
              >${t('web.error.back')}</a
            >
          </p>`,
      });
    },
  });

  webPage(app, {
    method: 'GET',
    url: '/photos/:id',
    handler: async (request, _reply, page) => {
      const { id } = z.object({ id: z.string() }).parse(request.params);
      const found = z.uuid().safeParse(id).success ? await findPhotoWithReadings(db, id) : undefined;
      if (!found) throw new AppError('not_found', { key: 'photo.notFound', params: { id } });
      const { photo } = found;
      const { t } = page;
      const known = (request.query as { known?: string }).known === '1';
      const statusUrl = page.href(`/photos/${photo.id}`);
      return layout(page, {
        title: t('web.receipt.title'),
        body: html`<h1>${t('web.receipt.title')}</h1>
          <p role="status" class="ok">${t('web.receipt.photoIntro')}</p>
          ${known && html`<p>${t('web.receipt.known')}</p>`}
          <dl class="facts">
            <dt>${t('web.receipt.sha256')}</dt>
            <dd><code class="hash">${photo.sha256}</code></dd>
            <dt>${t('web.receipt.status')}</dt>
            <dd id="photo-status">${t(`web.status.${photo.status}`)}</dd>
            ${
              photo.failure_reason &&
              html`<dt>${t('web.receipt.failure')}</dt>
                <dd>${photo.failure_reason}</dd>`
            }
            <dt>${t('web.receipt.link')}</dt>
            <dd><a href="${statusUrl}">${statusUrl}</a></dd>
          </dl>
          <p>
            <a href="${page.href(`/e/${photo.election_code}/s/${encodeURIComponent(photo.station_code)}`)}"
              >${t('web.error.back')}</a
            >
          </p>`,
      });
    },
  });
}
