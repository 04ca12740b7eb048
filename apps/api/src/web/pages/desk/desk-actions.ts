import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../../errors.js';
import { findFlagInScope } from '../../../repositories/review.repository.js';
import {
  addFlagNote,
  assignFlag,
  decideOnFlag,
  type TPerson,
  type TReviewedFlag,
} from '../../../review/review-actions.js';
import { webPage } from '../../web-page.js';
import {
  fromParam,
  parseInput,
  parsePath,
  queueFrom,
  ZAssignForm,
  ZDecisionForm,
  ZFlagParams,
  ZNoteForm,
  ZStationQuery,
} from './desk-forms.js';
import { deskRoles as roles, scopeOf, type TDeskStation } from './desk-station.js';
import type { TFieldError } from './findings-view.js';

/** Decisions, notes and assignment: plain POST forms, the same writes as the JSON review API. */
export function deskActions(app: FastifyInstance, { stationOrFail, renderStation }: TDeskStation): void {
  const { db } = app.deps;

  /**
   * Every action: the flag must be at this station and in the caller's scope, the actor a
   * person. Bad input shows the station again with the field named (400, nothing written);
   * success goes back to the station view (303), so a reload never posts twice.
   */
  function flagAction(
    what: 'decision' | 'note' | 'assign',
    act: (person: TPerson, flag: TReviewedFlag, body: unknown) => Promise<TFieldError['field'] | null>,
  ) {
    webPage(app, {
      method: 'POST',
      url: `/desk/e/:election/s/:station/flags/:id/${what}`,
      roles,
      handler: async (request, reply: FastifyReply, page) => {
        const params = parsePath(ZFlagParams, request.params);
        const person = page.principal;
        if (person.kind !== 'user') throw new AppError('forbidden', { key: 'web.desk.personOnly' });
        const { found, view } = await stationOrFail(page, params.election, params.station);
        const flag = view.findings.some((f) => f.id === params.id && !f.cleared)
          ? await findFlagInScope(db, params.id, scopeOf(page))
          : undefined;
        if (!flag) throw new AppError('not_found', { key: 'web.desk.flagNotFound' });
        const badField = await act(person, flag, request.body ?? {});
        const station = encodeURIComponent(view.station.code);
        const from = fromParam(queueFrom(parseInput(ZStationQuery, request.query).from), '&');
        const stationView = `/desk/e/${found.election.code}/s/${station}?flag=${flag.id}${from}`;
        if (badField) {
          reply.status(400);
          const message = page.t(badField === 'reason' ? 'web.desk.reasonRequired' : 'web.desk.noteRequired');
          // Set at the station view, so the language links lead to a page and not to this POST.
          return renderStation(
            request,
            { ...page, here: stationView },
            {
              askedFlag: flag.id,
              error: { flagId: flag.id, field: badField, message },
            },
          );
        }
        const saved = what === 'assign' ? 'assignment' : what;
        return reply.redirect(page.href(`${stationView}&saved=${saved}#flag-${flag.id}`), 303);
      },
    });
  }

  flagAction('decision', async (person, flag, body) => {
    const { decision, reason } = parseInput(ZDecisionForm, body);
    const why = reason.trim();
    if (decision === 'dismiss' && why.length === 0) return 'reason';
    await decideOnFlag(db, person, flag, decision, why || null);
    return null;
  });

  flagAction('note', async (person, flag, body) => {
    const text = parseInput(ZNoteForm, body).text.trim();
    if (text.length === 0) return 'text';
    await addFlagNote(db, person, flag, text);
    return null;
  });

  flagAction('assign', async (person, flag, body) => {
    const { to } = parseInput(ZAssignForm, body);
    await assignFlag(db, person, flag, to === 'me' ? { id: person.id, username: person.username } : null);
    return null;
  });
}
