import { roles } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { grantRegion, revokeGrant } from '../../accounts/grants.service.js';
import { changeUser, createUser, listUsers, logOutEverywhere, ZNewUser } from '../../accounts/users.service.js';
import { actorOf } from '../../auth/principal.js';
import { requireRole } from '../../plugins/auth.js';
import { errorResponses } from '../error-responses.js';

const ZUser = z.object({ id: z.number(), username: z.string(), role: z.enum(roles), disabled: z.boolean() });
const errors = errorResponses(400, 401, 403, 404, 409);
const params = z.object({ id: z.coerce.number().int().positive() });

/** Admins manage the other accounts; every change goes to the audit log with the change. */
export async function userRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  const api = app.withTypeProvider<ZodTypeProvider>();
  app.addHook('onRequest', requireRole('admin'));

  api.post('/v1/admin/users', {
    schema: { summary: 'Create an account', tags: ['users'], body: ZNewUser, response: { 201: ZUser, ...errors } },
    handler: async (request, reply) =>
      reply.status(201).send(await createUser(deps, actorOf(request.principal), request.body)),
  });

  api.get('/v1/admin/users', {
    schema: {
      summary: 'Every account',
      tags: ['users'],
      response: { 200: z.object({ users: z.array(ZUser) }), ...errors },
    },
    handler: async () => ({ users: await listUsers(deps) }),
  });

  api.patch('/v1/admin/users/:id', {
    schema: {
      summary: 'Change an account’s role or disable it (its sessions and tokens stop at once)',
      tags: ['users'],
      params,
      // An empty change was once a SQL syntax error (500): it names what may be changed instead.
      body: z
        .strictObject({ role: z.enum(roles).optional(), disabled: z.boolean().optional() })
        .refine((b) => b.role !== undefined || b.disabled !== undefined, {
          message: 'nothing to change: give role or disabled',
          path: ['role'],
        }),
      response: { 200: ZUser, ...errors },
    },
    handler: async (request) => changeUser(deps, actorOf(request.principal), request.params.id, request.body),
  });

  api.post('/v1/admin/users/:id/revoke-sessions', {
    schema: {
      summary: 'Log an account out everywhere and revoke its API tokens',
      tags: ['users'],
      params,
      response: { 200: z.object({ revoked: z.number(), tokens: z.number() }), ...errors },
    },
    handler: async (request) => {
      const ended = await logOutEverywhere(deps, actorOf(request.principal), request.params.id);
      return { revoked: ended.sessions, tokens: ended.tokens };
    },
  });

  api.post('/v1/admin/users/:id/grants', {
    schema: {
      summary: 'Grant an account a region subtree of an election',
      tags: ['users'],
      params,
      body: z.object({ election: z.string(), region: z.string().min(1) }),
      response: { 201: z.object({ id: z.number(), election: z.string(), region: z.string() }), ...errors },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await grantRegion(deps, actorOf(request.principal), request.params.id, request.body)),
  });

  api.delete('/v1/admin/users/:id/grants/:grant', {
    schema: {
      summary: 'Withdraw a grant',
      tags: ['users'],
      params: params.extend({ grant: z.coerce.number().int().positive() }),
      response: { 200: z.object({ status: z.string() }), ...errors },
    },
    handler: async (request) => {
      await revokeGrant(deps, actorOf(request.principal), request.params.id, request.params.grant);
      return { status: 'deleted' };
    },
  });
}
