import { assertNever, ballotProblems, ZElectionCode } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TPrincipal } from '../../auth/principal.js';
import {
  ballotPhotoFor,
  checkBallot,
  nextBallotToCheck,
  type TBallotCheckOutcome,
} from '../../ballot-checks/check-ballot.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../../plugins/auth.js';
import { errorResponses } from '../error-responses.js';

const errors = errorResponses(400, 401, 403, 404, 409);
const photoParams = z.object({ id: z.uuid() });
const ZBallotCheck = z.object({
  isBallot: z.boolean(),
  /** The candidate marked; null when none, several, or it is no ballot. */
  candidate: z.string().min(1).max(40).nullable(),
  problems: z.array(z.enum(ballotProblems)).max(ballotProblems.length).default([]),
});

const person = (p: TPrincipal) => {
  if (p.kind !== 'user') throw new AppError('forbidden', 'ballots are checked by a person: log in as one');
  return p;
};

/** A check's outcome as the API answers it, or the refusal it is. */
function checkOutcomeOrThrow(outcome: TBallotCheckOutcome) {
  switch (outcome.kind) {
    case 'recorded':
      return { checks: outcome.checks, settled: outcome.settled, agreement: outcome.agreement };
    case 'unknown_candidate':
      throw new AppError('bad_request', 'candidate: not a candidate of this election', { field: 'candidate' });
    case 'already_checked':
      throw new AppError('conflict', 'you have checked this ballot photo already: a check is never changed');
    case 'not_needed':
      throw new AppError('conflict', 'this ballot photo needs no more checks');
    default:
      return assertNever(outcome);
  }
}

/**
 * The ballot-check desk: photos that voters sent as their ballots, each looked at by two
 * people (a third when they differ) before it can verify a report. Never public.
 */
export async function ballotCheckRoutes(app: FastifyInstance): Promise<void> {
  const { db, registry, store } = app.deps;
  const deps = { db, registry };
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole('admin', 'digitizer'));

  api.get('/v1/checks/elections/:election/next', {
    schema: {
      summary: 'The next ballot photo for me to check, and the candidates to choose from',
      tags: ['ballot checks'],
      params: z.object({ election: ZElectionCode }),
    },
    handler: async (request) => {
      const next = await nextBallotToCheck(deps, person(request.principal), request.params.election);
      return {
        photo: next.photo && { ...next.photo, imageUrl: `/v1/checks/ballots/${next.photo.id}/image` },
        candidates: next.candidates,
        problems: ballotProblems,
      };
    },
  });

  api.get('/v1/checks/ballots/:id/image', {
    schema: {
      summary: 'A ballot photo to check, as stored (metadata stripped); never cached, never public',
      tags: ['ballot checks'],
      params: photoParams,
    },
    handler: async (request, reply) => {
      const photo = await ballotPhotoFor(deps, person(request.principal), request.params.id);
      if (!photo) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      const stored = await store.read('ballot', photo.sha256, photo.mime);
      if (!stored.ok) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      return reply.type(photo.mime).header('cache-control', 'private, no-store').send(stored.bytes);
    },
  });

  api.post('/v1/checks/ballots/:id', {
    schema: {
      summary: 'My check of a ballot photo; two that agree settle it, a third breaks a tie',
      tags: ['ballot checks'],
      params: photoParams,
      body: ZBallotCheck,
      response: {
        201: z.object({
          checks: z.number(),
          settled: z.boolean(),
          agreement: z
            .object({ verdict: z.enum(['ballot', 'rejected']), candidate: z.string().nullable(), votes: z.number() })
            .nullable(),
        }),
        ...errors,
      },
    },
    handler: async (request, reply) => {
      const p = person(request.principal);
      const photo = await ballotPhotoFor(deps, p, request.params.id);
      if (!photo) throw new AppError('not_found', { key: 'photo.notFound', params: { id: request.params.id } });
      const outcome = await checkBallot(deps, p, photo, request.body);
      return reply.status(201).send(checkOutcomeOrThrow(outcome));
    },
  });
}
