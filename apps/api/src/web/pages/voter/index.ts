import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../errors.js';
import { readSelfReportForm } from '../../../intake/self-report-form.js';
import { uploadStationPhoto } from '../../../intake/station-photo-upload.js';
import { listElectionsGrantedTo } from '../../../repositories/election.repository.js';
import { findPhotoWithReadings } from '../../../repositories/photo.repository.js';
import { loadPublicStation } from '../../../stations/public-station.js';
import { describeError } from '../../error-page.js';
import { html } from '../../html.js';
import { layout } from '../../layout.js';
import type { TPage } from '../../page-context.js';
import { webPage } from '../../web-page.js';
import { StationSearch } from '../../../stations/station-search.js';
import { photoReceipt, voteReceipt } from './receipts.js';
import { stationBody } from './station-page.js';
import type { TFormRefusal } from './upload-forms.js';
import { searchForm, searchResults } from './voter-views.js';
import { findElectionOrFail } from '../../../elections/find-election.js';

const ZSearch = z.object({ election: z.string().max(64).optional(), q: z.string().max(200).optional() });
const ZStationParams = z.object({ election: z.string().max(64), station: z.string().max(64) });
type TStationParams = z.infer<typeof ZStationParams>;
const resultsShown = 30;

/**
 * A page answering a form's POST, set at its station's page: the language links then lead
 * there, not to the POST-only address (which has no page to GET).
 */
const atStation = (page: TPage, params: TStationParams): TPage => ({
  ...page,
  here: `/e/${params.election}/s/${encodeURIComponent(params.station)}`,
});

/** The voter's pages: find a station, see it, send a protocol photo, say how you voted. */
export function voterPages(app: FastifyInstance): void {
  const { db, registry, config, selfReports, limits } = app.deps;
  const search = new StationSearch(db);
  const elections = () => listElectionsGrantedTo(db, null);

  const electionOrFail = (code: string) => findElectionOrFail(registry, code);

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

  async function stationPage(page: TPage, params: TStationParams, refusal?: TFormRefusal) {
    const found = await electionOrFail(params.election);
    const station = await loadPublicStation(db, found.election.id, params.station);
    if (!station) {
      throw new AppError('not_found', {
        key: 'station.notFound',
        params: { station: params.station, election: params.election },
      });
    }
    return layout(page, {
      title: page.t('web.station.title', { station: station.code }),
      body: stationBody(page, found, station, Math.floor(config.maxPhotoBytes / (1024 * 1024)), refusal),
    });
  }

  /**
   * A refused photo or vote is shown again on its station's page, the reason inside the form,
   * so a voter on a slow connection need not find the station again. A station or election
   * that does not exist, and server errors, stay error pages.
   */
  async function showRefusal(
    error: unknown,
    form: TFormRefusal['form'],
    request: FastifyRequest,
    reply: FastifyReply,
    page: TPage,
    params: TStationParams,
  ) {
    const status = error instanceof AppError ? error.status : (error as FastifyError).statusCode;
    if (!status || status < 400 || status >= 500 || status === 404) throw error;
    const { message, detail } = describeError(error as FastifyError, request, page);
    reply.status(status);
    return stationPage(atStation(page, params), params, { form, message, detail });
  }

  webPage(app, {
    method: 'GET',
    url: '/e/:election/s/:station',
    handler: async (request, _reply, page) => stationPage(page, ZStationParams.parse(request.params)),
  });

  webPage(app, {
    method: 'POST',
    url: '/e/:election/s/:station/photo',
    onRequest: limits.byAddress,
    handler: async (request, reply, page) => {
      const params = ZStationParams.parse(request.params);
      try {
        const outcome = await uploadStationPhoto(app.deps, params.election, params.station, request);
        return reply.redirect(page.href(`/photos/${outcome.id}${outcome.known ? '?known=1' : ''}`), 303);
      } catch (error) {
        return showRefusal(error, 'photo', request, reply, page, params);
      }
    },
  });

  webPage(app, {
    method: 'POST',
    url: '/e/:election/s/:station/vote',
    onRequest: limits.byAddress,
    handler: async (request, reply, page) => {
      const params = ZStationParams.parse(request.params);
      const found = await electionOrFail(params.election);
      let outcome: Awaited<ReturnType<typeof selfReports.submit>>;
      try {
        const { report, ballot } = await readSelfReportForm(config, request);
        if (report.station !== params.station) {
          throw new AppError('bad_request', {
            key: 'field.invalid',
            params: { field: 'station', problem: params.station },
          });
        }
        outcome = await selfReports.submit(params.election, report, ballot, 'web');
      } catch (error) {
        return showRefusal(error, 'vote', request, reply, page, params);
      }
      const candidate = found.candidates.find((c) => c.key === outcome.candidate)?.name[page.lang] ?? outcome.candidate;
      reply.status(outcome.status === 'recorded' ? 201 : 200);
      const station = atStation(page, params);
      return layout(station, { title: page.t('web.receipt.title'), body: voteReceipt(station, outcome, candidate) });
    },
  });

  webPage(app, {
    method: 'GET',
    url: '/photos/:id',
    handler: async (request, _reply, page) => {
      const { id } = z.object({ id: z.string() }).parse(request.params);
      const found = z.uuid().safeParse(id).success ? await findPhotoWithReadings(db, id) : undefined;
      if (!found) throw new AppError('not_found', { key: 'photo.notFound', params: { id } });
      const known = (request.query as { known?: string }).known === '1';
      return layout(page, { title: page.t('web.receipt.title'), body: photoReceipt(page, found.photo, known) });
    },
  });
}
