import { ZErrorResponse } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit-log.js';
import { logIn } from '../../auth/log-in.js';
import { endSession, setSessionCookie } from '../../auth/session-cookie.js';
import { actorOf } from '../../auth/principal.js';
import { newSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../../plugins/auth.js';

const ZLogin = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
const ZMe = z.object({ username: z.string(), role: z.string() });

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { loginThrottle } = app;

  api.post('/v1/auth/login', {
    schema: {
      summary: 'Log in; sets an httpOnly session cookie',
      tags: ['auth'],
      body: ZLogin,
      response: { 200: ZMe, 400: ZErrorResponse, 401: ZErrorResponse, 429: ZErrorResponse },
    },
    handler: async (request, reply) => {
      const outcome = await logIn(db, config, loginThrottle, request.body.username, request.body.password);
      if (outcome.kind === 'wait') {
        reply.header('retry-after', String(outcome.seconds));
        throw new AppError('too_many_requests', 'too many failed logins for this name: wait and try again');
      }
      if (outcome.kind === 'failed') throw new AppError('unauthorized', 'wrong username or password');
      setSessionCookie(request, reply, outcome.secret, outcome.maxAgeSeconds);
      return { username: outcome.username, role: outcome.role };
    },
  });

  api.post('/v1/auth/logout', {
    schema: { summary: 'Log out: the session is revoked on the server', tags: ['auth'] },
    handler: async (request, reply) => {
      await endSession(db, request, reply);
      return { status: 'logged_out' };
    },
  });

  api.get('/v1/auth/me', {
    schema: { summary: 'Who am I', tags: ['auth'], response: { 200: ZMe, 401: ZErrorResponse } },
    onRequest: requireRole('admin', 'analyst', 'digitizer', 'journalist'),
    handler: async (request) => {
      const p = request.principal;
      return p.kind === 'user' ? { username: p.username, role: p.role } : { username: '(server token)', role: 'admin' };
    },
  });

  api.post('/v1/auth/tokens', {
    schema: {
      summary: 'Create an API token for scripts; it is shown once, only its hash is kept',
      tags: ['auth'],
      body: z.object({ name: z.string().min(1).max(100) }),
      response: {
        201: z.object({ id: z.number(), name: z.string(), token: z.string() }),
        401: ZErrorResponse,
        403: ZErrorResponse,
      },
    },
    onRequest: requireRole('admin', 'analyst', 'digitizer', 'journalist'),
    handler: async (request, reply) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new AppError('forbidden', 'API tokens belong to a person: log in as one');
      const { secret, hash } = newSecret('ctt');
      const row = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto('api_token')
          .values({ user_id: p.id, name: request.body.name, token_hash: hash })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAudit(trx, {
          actor: actorOf(p),
          action: 'token.create',
          subject: { token: created.id, name: request.body.name },
        });
        return created;
      });
      return reply.status(201).send({ id: row.id, name: request.body.name, token: secret });
    },
  });

  api.delete('/v1/auth/tokens/:id', {
    schema: {
      summary: 'Revoke one of my API tokens',
      tags: ['auth'],
      params: z.object({ id: z.coerce.number().int().positive() }),
    },
    onRequest: requireRole('admin', 'analyst', 'digitizer', 'journalist'),
    handler: async (request) => {
      const p = request.principal;
      if (p.kind !== 'user') throw new AppError('not_found', `no token ${request.params.id}`);
      const done = await db.transaction().execute(async (trx) => {
        const revoked = await trx
          .updateTable('api_token')
          .set({ revoked_at: sql`now()` })
          .where('id', '=', request.params.id)
          .where('user_id', '=', p.id)
          .where('revoked_at', 'is', null)
          .executeTakeFirst();
        if (revoked.numUpdatedRows === 0n) return false;
        await appendAudit(trx, { actor: actorOf(p), action: 'token.revoke', subject: { token: request.params.id } });
        return true;
      });
      if (!done) throw new AppError('not_found', `no token ${request.params.id}`);
      return { status: 'revoked' };
    },
  });
}
