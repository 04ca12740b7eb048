import { ZErrorResponse } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../audit/audit-log.js';
import { LoginThrottle } from '../../auth/login-throttle.js';
import { checkPassword } from '../../auth/passwords.js';
import { actorOf } from '../../auth/principal.js';
import { hashSecret, newSecret } from '../../auth/secrets.js';
import { AppError } from '../../errors.js';
import { requireRole, sessionCookie } from '../../plugins/auth.js';
import { findUserByName } from '../../repositories/user.repository.js';

const ZLogin = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
const ZMe = z.object({ username: z.string(), role: z.string() });

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { db, config } = app.deps;
  const api = app.withTypeProvider<ZodTypeProvider>();
  const throttle = new LoginThrottle();

  api.post('/v1/auth/login', {
    schema: {
      summary: 'Log in; sets an httpOnly session cookie',
      tags: ['auth'],
      body: ZLogin,
      response: { 200: ZMe, 400: ZErrorResponse, 401: ZErrorResponse, 429: ZErrorResponse },
    },
    handler: async (request, reply) => {
      const { username, password } = request.body;
      const wait = throttle.lockedFor(username);
      if (wait > 0) {
        reply.header('retry-after', String(Math.ceil(wait / 1000)));
        throw new AppError('too_many_requests', 'too many failed logins for this name: wait and try again');
      }
      const user = await findUserByName(db, username);
      const ok = await checkPassword(user?.disabled_at ? undefined : user?.password_hash, password);
      if (!ok || !user) {
        throttle.fail(username);
        // One answer for a wrong password and for nobody by that name.
        throw new AppError('unauthorized', 'wrong username or password');
      }
      throttle.succeed(username);
      const { secret, hash } = newSecret('cts');
      await db
        .insertInto('user_session')
        .values({
          user_id: user.id,
          token_hash: hash,
          expires_at: new Date(Date.now() + config.sessionHours * 3600_000),
        })
        .execute();
      reply.setCookie(sessionCookie, secret, {
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: config.sessionHours * 3600,
      });
      return { username: user.username, role: user.role };
    },
  });

  api.post('/v1/auth/logout', {
    schema: { summary: 'Log out: the session is revoked on the server', tags: ['auth'] },
    handler: async (request, reply) => {
      const cookie = request.cookies[sessionCookie];
      if (cookie) {
        await db
          .updateTable('user_session')
          .set({ revoked_at: sql`now()` })
          .where('token_hash', '=', hashSecret(cookie))
          .execute();
      }
      reply.clearCookie(sessionCookie, { path: '/' });
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
