import { ZErrorResponse } from '@crosstally/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { issueApiToken, listApiTokens, logIn, revokeApiToken } from '../../accounts/credentials.service.js';
import { endSession, setSessionCookie } from '../../auth/session-cookie.js';
import { loginSource } from '../../auth/login-source.js';
import { AppError } from '../../errors.js';
import { requireRole } from '../../plugins/auth.js';

const ZLogin = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
const ZMe = z.object({ username: z.string(), role: z.string() });

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const { deps } = app;
  const sessions = { ...deps, throttle: app.loginThrottle };
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/v1/auth/login', {
    schema: {
      summary: 'Log in; sets an httpOnly session cookie',
      tags: ['auth'],
      body: ZLogin,
      response: { 200: ZMe, 400: ZErrorResponse, 401: ZErrorResponse, 429: ZErrorResponse },
    },
    handler: async (request, reply) => {
      const outcome = await logIn(sessions, request.body.username, request.body.password, loginSource(deps, request));
      if (outcome.kind === 'wait') {
        reply.header('retry-after', String(outcome.seconds));
        throw new AppError(
          'too_many_requests',
          'too many failed logins for this name or from here: wait and try again',
        );
      }
      if (outcome.kind === 'failed') throw new AppError('unauthorized', 'wrong username or password');
      setSessionCookie(request, reply, outcome.secret, outcome.maxAgeSeconds);
      return { username: outcome.username, role: outcome.role };
    },
  });

  api.post('/v1/auth/logout', {
    schema: { summary: 'Log out: the session is revoked on the server', tags: ['auth'] },
    handler: async (request, reply) => {
      await endSession(deps, request, reply);
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
      body: z.object({
        name: z.string().min(1).max(100),
        /** How long it lasts: every token ends. */
        days: z.number().int().min(1).max(365).default(90),
      }),
      response: {
        201: z.object({ id: z.number(), name: z.string(), token: z.string(), expiresAt: z.string() }),
        401: ZErrorResponse,
        403: ZErrorResponse,
      },
    },
    onRequest: requireRole('admin', 'analyst', 'digitizer', 'journalist'),
    handler: async (request, reply) =>
      reply.status(201).send(await issueApiToken(deps, request.principal, request.body)),
  });

  api.get('/v1/auth/tokens', {
    schema: {
      summary: 'My API tokens: name, when made, when they end, whether live (never the token itself)',
      tags: ['auth'],
      response: {
        200: z.object({
          tokens: z.array(
            z.object({
              id: z.number(),
              name: z.string(),
              createdAt: z.string(),
              expiresAt: z.string(),
              state: z.enum(['live', 'expired', 'revoked']),
            }),
          ),
        }),
        401: ZErrorResponse,
        403: ZErrorResponse,
      },
    },
    onRequest: requireRole('admin', 'analyst', 'digitizer', 'journalist'),
    handler: async (request) => ({ tokens: await listApiTokens(deps, request.principal) }),
  });

  api.delete('/v1/auth/tokens/:id', {
    schema: {
      summary: 'Revoke one of my API tokens',
      tags: ['auth'],
      params: z.object({ id: z.coerce.number().int().positive() }),
    },
    onRequest: requireRole('admin', 'analyst', 'digitizer', 'journalist'),
    handler: async (request) => {
      await revokeApiToken(deps, request.principal, request.params.id);
      return { status: 'revoked' };
    },
  });
}
