import type { FastifyInstance, FastifyRequest } from 'fastify';
import { regionScope } from '../../../auth/scope.js';
import { loadDeskStationExtras } from '../../../repositories/desk.repository.js';
import { layout } from '../../layout.js';
import type { TPage } from '../../page-context.js';
import { parseInput, parsePath, queueFrom, ZStationParams, ZStationQuery } from './desk-forms.js';
import type { TFieldError } from './findings-view.js';
import { stationBody } from './station-page.js';
import { findElectionOrFail } from '../../../elections/find-election.js';
import { openStationForReview } from '../../../review/station-review.js';

export const deskRoles: ['admin', 'analyst'] = ['admin', 'analyst'];
export const deskAssets = ['desk.css', 'desk.js'];

export const scopeOf = (page: TPage) => (electionId: number) => regionScope(page.principal, electionId, 'r.path');

export type TDeskStation = ReturnType<typeof deskStation>;

/**
 * Finding a station as the caller may see it, and drawing its page: shared by the station
 * view and the actions, which show the page again when a field is wrong.
 */
export function deskStation(app: FastifyInstance) {
  const { db, registry } = app.deps;

  const electionOrFail = (code: string) => findElectionOrFail(registry, code);

  const stationOrFail = (page: TPage, electionCode: string, stationCode: string) =>
    openStationForReview(app.deps, page.principal, electionCode, stationCode);

  async function renderStation(
    request: FastifyRequest,
    page: TPage,
    options: { askedFlag?: string | undefined; error?: TFieldError },
  ) {
    const params = parsePath(ZStationParams, request.params);
    const { found, view } = await stationOrFail(page, params.election, params.station);
    const { saved, from } = parseInput(ZStationQuery, request.query);
    return layout(page, {
      title: page.t('web.desk.stationTitle', { station: view.station.code }),
      wide: true,
      assets: deskAssets,
      body: stationBody(page, {
        election: found.election.code,
        view,
        extras: await loadDeskStationExtras(db, found.election.id, view.station.code),
        form: { lines: found.lines, candidates: found.candidates },
        askedFlag: options.askedFlag,
        saved: options.error ? undefined : saved,
        from: queueFrom(from),
        error: options.error,
      }),
    });
  }

  return { electionOrFail, stationOrFail, renderStation };
}
