import {
  reportedStrengths,
  reviewDecisions,
  reviewStatuses,
  ZElectionCode,
  ZErrorResponse,
  ZStationCodeParam,
} from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TPrincipal } from '../../auth/principal.js';
import { regionScope } from '../../auth/scope.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../../plugins/auth.js';
import { findFlagInScope, listFlagsForReview } from '../../repositories/review.repository.js';
import { addFlagNote, assignFlagByName, decideOnFlag } from '../../review/review-actions.js';
import { openStationForReview } from '../../review/station-review.js';
import { findElectionOrFail } from '../../elections/find-election.js';

const errors = { 400: ZErrorResponse, 401: ZErrorResponse, 403: ZErrorResponse, 404: ZErrorResponse };
const flagParams = z.object({ id: z.coerce.number().int().positive().transform(String) });

/** The analysts' desk: their regions' flags, a station's whole evidence, decisions and notes. */
export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  const { db, registry } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole('admin', 'analyst'));

  async function electionOf(code: string) {
    return (await findElectionOrFail(registry, code)).election;
  }

  api.get('/v1/review/elections/:election/flags', {
    schema: {
      summary: 'Flags to review in my regions, strongest and largest first',
      tags: ['review'],
      params: z.object({ election: ZElectionCode }),
      querystring: z.object({
        region: z.string().max(500).optional(),
        kind: z.string().max(40).optional(),
        strength: z.enum(reportedStrengths).optional(),
        status: z.enum(reviewStatuses).optional(),
      }),
    },
    handler: async (request) => {
      const election = await electionOf(request.params.election);
      const scope = regionScope(request.principal, election.id, 'r.path');
      const flags = await listFlagsForReview(db, election.id, scope, request.query);
      const { status } = request.query;
      return { election: election.code, flags: status ? flags.filter((f) => f.status === status) : flags };
    },
  });

  api.get('/v1/review/elections/:election/stations/:station', {
    schema: {
      summary: 'Everything known about a station: official versions, readings, photos, counts, findings, reviews',
      tags: ['review'],
      params: z.object({ election: ZElectionCode, station: ZStationCodeParam }),
    },
    handler: async (request) => {
      const { view } = await openStationForReview(
        app.deps,
        request.principal,
        request.params.election,
        request.params.station,
      );
      return view;
    },
  });

  const scopeOf = (principal: TPrincipal) => (electionId: number) => regionScope(principal, electionId, 'r.path');

  api.post('/v1/review/flags/:id/decisions', {
    schema: {
      summary: 'Confirm, dismiss (with a reason) or ask for more evidence',
      tags: ['review'],
      params: flagParams,
      body: z
        .object({ decision: z.enum(reviewDecisions), reason: z.string().max(2000).optional() })
        .refine((b) => b.decision !== 'dismiss' || (b.reason ?? '').trim().length > 0, {
          message: 'a dismissal needs a reason',
          path: ['reason'],
        }),
      response: { 201: z.object({ status: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new AppError('forbidden', 'decisions are made by a person: log in as one');
      const flag = await findFlagInScope(db, request.params.id, scopeOf(p));
      if (!flag) throw new AppError('not_found', `no flag ${request.params.id}`);
      const { decision, reason } = request.body;
      await decideOnFlag(db, p, flag, decision, reason ?? null);
      return reply.status(201).send({ status: decision });
    },
  });

  api.post('/v1/review/flags/:id/notes', {
    schema: {
      summary: 'Add a note to a flag',
      tags: ['review'],
      params: flagParams,
      body: z.object({ text: z.string().min(1).max(5000) }),
      response: { 201: z.object({ status: z.string() }), ...errors },
    },
    handler: async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new AppError('forbidden', 'notes are written by a person: log in as one');
      const flag = await findFlagInScope(db, request.params.id, scopeOf(p));
      if (!flag) throw new AppError('not_found', `no flag ${request.params.id}`);
      await addFlagNote(db, p, flag, request.body.text);
      return reply.status(201).send({ status: 'noted' });
    },
  });

  api.post('/v1/review/flags/:id/assign', {
    schema: {
      summary: 'Assign a flag to an analyst (or to nobody)',
      tags: ['review'],
      params: flagParams,
      body: z.object({ username: z.string().nullable() }),
      response: { 200: z.object({ assignedTo: z.string().nullable() }), ...errors },
    },
    handler: async (request) => {
      const flag = await findFlagInScope(db, request.params.id, scopeOf(request.principal));
      if (!flag) throw new AppError('not_found', `no flag ${request.params.id}`);
      await assignFlagByName(db, request.principal, flag, request.body.username);
      return { assignedTo: request.body.username };
    },
  });
}
