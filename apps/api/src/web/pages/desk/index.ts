import type { FastifyInstance } from 'fastify';
import { listReviewElections, listRegionsInScope } from '../../../repositories/desk.repository.js';
import { listFlagsForReview } from '../../../repositories/review.repository.js';
import { html } from '../../html.js';
import { layout } from '../../layout.js';
import { webPage } from '../../web-page.js';
import { deskActions } from './desk-actions.js';
import { pageOfQueue, parseInput, ZQueueQuery, ZStationQuery } from './desk-forms.js';
import { deskAssets, deskRoles, deskStation, scopeOf } from './desk-station.js';
import { queueBody } from './queue-view.js';
import { shortcutsHelp } from './shortcuts.js';

const queueLimit = 1000; // what listFlagsForReview returns at most

/**
 * The analysts' desk: the flag queue of their regions and a station's whole evidence, with
 * decisions, notes and assignment as plain forms. Scope is the JSON review API's: the same
 * queries, the same writes, and a station outside one's regions reads as missing.
 */
export function deskPages(app: FastifyInstance): void {
  const { db } = app.deps;
  const station = deskStation(app);
  const { electionOrFail, renderStation } = station;

  webPage(app, {
    method: 'GET',
    url: '/desk',
    roles: deskRoles,
    handler: async (request, _reply, page) => {
      const query = parseInput(ZQueueQuery, request.query);
      const elections = await listReviewElections(db, page.principal);
      const chosen = elections.find((e) => e.code === query.election) ?? elections[0];
      const title = page.t('web.desk.title');
      if (!chosen) {
        return layout(page, {
          title,
          wide: true,
          body: html`<h1>${title}</h1>
            <p>${page.t('web.desk.noElections')}</p>`,
        });
      }
      const found = await electionOrFail(chosen.code);
      const scope = scopeOf(page)(found.election.id);
      const [flags, regions] = await Promise.all([
        listFlagsForReview(db, found.election.id, scope, query),
        listRegionsInScope(db, found.election.id, scope),
      ]);
      const me = page.principal.kind === 'user' ? page.principal.username : null;
      return layout(page, {
        title,
        wide: true,
        assets: deskAssets,
        body: html`<h1>${title}</h1>
          <p>${page.t('web.desk.intro')}</p>
          ${queueBody(page, {
            elections,
            election: found.election.code,
            candidates: found.candidates,
            regions,
            query,
            slice: pageOfQueue(flags, query, me),
            truncated: flags.length >= queueLimit ? queueLimit : null,
          })}
          ${shortcutsHelp(page, 'queue')}`,
      });
    },
  });

  webPage(app, {
    method: 'GET',
    url: '/desk/e/:election/s/:station',
    roles: deskRoles,
    handler: async (request, _reply, page) =>
      renderStation(request, page, { askedFlag: parseInput(ZStationQuery, request.query).flag }),
  });

  deskActions(app, station);
}
