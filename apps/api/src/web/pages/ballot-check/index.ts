import { assertNever, ZElectionCode } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  ballotPhotoFor,
  checkBallot,
  nextBallotToCheck,
  type TBallotCheckOutcome,
} from '../../../ballot-checks/check-ballot.js';
import { electionsToDigitize } from '../../../digitize/digitize-queries.js';
import { findElectionOrFail } from '../../../elections/find-election.js';
import { AppError } from '../../../errors.js';
import { paramsOr404, personOf } from '../../page-params.js';
import { webPage } from '../../web-page.js';
import { chooseElectionPage } from '../choose-election.js';
import { readCheckForm } from './check-form.js';
import { checkPage, nothingToCheckPage, refusedCheckPage } from './check-view.js';

const roles = ['admin' as const, 'digitizer' as const];
const ZElectionParams = z.object({ election: ZElectionCode });
const ZCheckParams = z.object({ election: ZElectionCode, photo: z.uuid() });
// The previous check's outcome, carried by the redirect to the next photo.
const ZLast = z.enum(['waiting', 'agreed', 'disputed']);

function lastOf(outcome: Extract<TBallotCheckOutcome, { kind: 'recorded' }>): z.infer<typeof ZLast> {
  if (!outcome.settled) return 'waiting';
  return outcome.agreement ? 'agreed' : 'disputed';
}

/**
 * The ballot checkers' desk: the next ballot photo I have not checked, three questions, and
 * on submit the next one. Works with JavaScript off; the check goes through the same use case
 * as the JSON API's.
 */
export function ballotCheckPages(app: FastifyInstance): void {
  const { db, registry } = app.deps;
  const deps = { db, registry };

  webPage(app, {
    method: 'GET',
    url: '/check',
    roles,
    handler: async (_request, reply, page) =>
      chooseElectionPage(page, reply, await electionsToDigitize(db, personOf(page)), {
        base: '/check',
        title: 'web.check.title',
        none: 'web.check.noElections',
        choose: 'web.check.chooseElection',
      }),
  });

  webPage(app, {
    method: 'GET',
    url: '/check/e/:election',
    roles,
    handler: async (request, _reply, page) => {
      const { election } = paramsOr404(ZElectionParams, request.params);
      const next = await nextBallotToCheck(deps, personOf(page), election);
      const last = ZLast.safeParse((request.query as { last?: unknown }).last);
      const lastKey = last.success ? (`web.check.last.${last.data}` as const) : undefined;
      if (!next.photo) return nothingToCheckPage(page, election, lastKey);
      return checkPage(page, { election, photoId: next.photo.id, candidates: next.candidates }, { last: lastKey });
    },
  });

  webPage(app, {
    method: 'POST',
    url: '/check/e/:election/b/:photo',
    roles,
    handler: async (request, reply, page) => {
      const person = personOf(page);
      const params = paramsOr404(ZCheckParams, request.params);
      const found = await findElectionOrFail(registry, params.election);
      const photo = await ballotPhotoFor(deps, person, params.photo);
      if (!photo || photo.election_id !== found.election.id)
        throw new AppError('not_found', { key: 'photo.notFound', params: { id: params.photo } });
      // Pages answering this POST are set at the desk: their language links lead there.
      const atDesk = { ...page, here: `/check/e/${params.election}` };
      const candidates = found.candidates.map((c) => ({ key: c.key, name: c.name }));
      const form = readCheckForm(
        request.body,
        candidates.map((c) => c.key),
      );
      if (!form.ok) {
        reply.status(400);
        return checkPage(atDesk, { election: params.election, photoId: photo.id, candidates }, { errors: form.error });
      }
      const outcome = await checkBallot(deps, person, photo, form.value);
      switch (outcome.kind) {
        case 'recorded':
          return reply.redirect(page.href(`/check/e/${params.election}?last=${lastOf(outcome)}`), 303);
        case 'already_checked':
          reply.status(409);
          return refusedCheckPage(atDesk, params.election, 'web.check.error.already');
        case 'not_needed':
          reply.status(409);
          return refusedCheckPage(atDesk, params.election, 'web.check.error.notNeeded');
        case 'unknown_candidate':
          // The choices come from the same registry, so this means the election changed under us.
          throw new AppError('bad_request', { key: 'web.error.badRequest' });
        default:
          return assertNever(outcome);
      }
    },
  });
}
