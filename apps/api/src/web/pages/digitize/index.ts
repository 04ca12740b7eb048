import { assertNever, ZElectionCode, type TDoubleEntryVerdict } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { regionScope } from '../../../auth/scope.js';
import { electionsToDigitize } from '../../../digitize/digitize-queries.js';
import { findStationCode } from '../../../repositories/station.repository.js';
import { recordEntry } from '../../../digitize/record-entry.js';
import { AppError } from '../../../errors.js';
import { findPhotoInScope, nextPhotoToDigitize } from '../../../repositories/digitization.repository.js';
import { paramsOr404, personOf } from '../../page-params.js';
import { webPage } from '../../web-page.js';
import { chooseElectionPage } from '../choose-election.js';
import { readEntryForm } from './entry-form.js';
import { nothingToTypePage, refusedEntryPage, taskPage } from './task-view.js';
import { findElectionOrFail } from '../../../elections/find-election.js';

const roles = ['admin' as const, 'digitizer' as const];
const ZElectionParams = z.object({ election: ZElectionCode });
const ZEntryParams = z.object({ election: ZElectionCode, photo: z.uuid() });
// The previous entry's outcome, carried by the redirect to the next task.
const ZLast = z.enum(['waiting', 'accepted', 'tie', 'arithmetic']);
type TLast = z.infer<typeof ZLast>;

function lastOf(verdict: TDoubleEntryVerdict): TLast {
  if (verdict.status === 'agreed') return 'accepted';
  switch (verdict.reason) {
    case 'first':
    case 'second':
      return 'waiting';
    case 'disagree':
      return 'tie';
    case 'arithmetic':
      return 'arithmetic';
    default:
      return assertNever(verdict.reason);
  }
}

/**
 * The digitizers' desk: the next photo nobody could read by machine and I have not typed,
 * one field per protocol line, and on submit the next one. Works with JavaScript off; the
 * entry goes through the same code as the JSON API's.
 */
export function digitizePages(app: FastifyInstance): void {
  const { db, registry } = app.deps;

  const electionOrFail = (code: string) => findElectionOrFail(registry, code);

  webPage(app, {
    method: 'GET',
    url: '/digitize',
    roles,
    handler: async (_request, reply, page) =>
      chooseElectionPage(page, reply, await electionsToDigitize(db, personOf(page)), {
        base: '/digitize',
        title: 'web.digitize.title',
        none: 'web.digitize.noElections',
        choose: 'web.digitize.chooseElection',
      }),
  });

  webPage(app, {
    method: 'GET',
    url: '/digitize/e/:election',
    roles,
    handler: async (request, _reply, page) => {
      const person = personOf(page);
      const { election } = paramsOr404(ZElectionParams, request.params);
      const found = await electionOrFail(election);
      const scope = regionScope(person, found.election.id, 'r.path');
      const next = await nextPhotoToDigitize(db, found.election.id, person.id, scope);
      const last = ZLast.safeParse((request.query as { last?: unknown }).last);
      const lastKey = last.success ? (`web.digitize.last.${last.data}` as const) : undefined;
      if (!next) return nothingToTypePage(page, election, lastKey);
      const task = { election, photoId: next.id, station: next.station, hasSheet: next.hasSheet };
      return taskPage(page, task, found.lines, { last: lastKey });
    },
  });

  webPage(app, {
    method: 'POST',
    url: '/digitize/e/:election/p/:photo',
    roles,
    handler: async (request, reply, page) => {
      const person = personOf(page);
      const params = paramsOr404(ZEntryParams, request.params);
      const found = await electionOrFail(params.election);
      const photo = await findPhotoInScope(db, params.photo, (id) => regionScope(person, id, 'r.path'));
      if (!photo || photo.election_id !== found.election.id)
        throw new AppError('not_found', { key: 'photo.notFound', params: { id: params.photo } });
      // Pages answering this POST are set at the task page: their language links lead there.
      const atTask = { ...page, here: `/digitize/e/${params.election}` };
      const form = readEntryForm(
        request.body,
        found.lines.map((l) => l.key),
      );
      if (!form.ok) {
        reply.status(400);
        const task = {
          election: params.election,
          photoId: photo.id,
          // The code of the station the photo was sent for: what its protocol should show.
          station: await findStationCode(db, photo.station_id),
          hasSheet: photo.sheet !== null,
        };
        return taskPage(atTask, task, found.lines, form.error);
      }
      const outcome = await recordEntry(db, person, photo, form.value);
      switch (outcome.kind) {
        case 'recorded':
          return reply.redirect(page.href(`/digitize/e/${params.election}?last=${lastOf(outcome.verdict)}`), 303);
        case 'already_entered':
          reply.status(409);
          return refusedEntryPage(atTask, params.election, 'web.digitize.error.already');
        case 'unknown_lines':
          // The fields come from the same form template, so this means the form changed under us.
          throw new AppError('bad_request', `lines: not lines of this form: ${outcome.keys.join(', ')}`);
        default:
          return assertNever(outcome);
      }
    },
  });
}
