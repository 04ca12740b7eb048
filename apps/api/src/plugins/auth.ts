import { createHash, timingSafeEqual } from 'node:crypto';
import type { TRole } from '@crosstally/shared';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { hashSecret } from '../auth/secrets.js';
import { refuseCrossOriginStateChange } from '../auth/cross-site.js';
import { roleOf, type TPrincipal } from '../auth/principal.js';
import { AppError } from '../errors.js';
import { findSessionUser, findTokenUser } from '../repositories/user.repository.js';

export const sessionCookie = 'ct_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: TPrincipal;
    /** Why credentials sent with the request were not taken; said by the routes that need them. */
    credentialProblem: string | null;
  }
}

/**
 * Works out who is asking, once per request: a session cookie, an API token, the server's
 * bootstrap token, or nobody. Voters never log in; their requests cost no lookup.
 */
export function registerAuth(app: FastifyInstance): void {
  const root = createHash('sha256').update(app.deps.adminToken).digest();
  app.decorateRequest('principal', null as never);
  app.decorateRequest('credentialProblem', null);
  app.addHook('onRequest', async (request) => {
    request.principal = await resolvePrincipal(app, request, root);
    refuseCrossOriginStateChange(request);
  });
}

/**
 * Credentials that cannot be taken (another scheme, a revoked token) leave the request
 * anonymous: a public route (a voter's report, a page) needs none, and a proxy or a browser
 * extension adding an Authorization header of its own must not shut a voter out. A route that
 * needs a person says what was wrong (requireRole).
 */
async function resolvePrincipal(app: FastifyInstance, request: FastifyRequest, root: Buffer): Promise<TPrincipal> {
  const header = request.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      request.credentialProblem = 'use Authorization: Bearer <token>';
      return { kind: 'anonymous' };
    }
    const given = match[1]!;
    if (timingSafeEqual(createHash('sha256').update(given).digest(), root)) return { kind: 'root' };
    const user = await findTokenUser(app.deps.db, hashSecret(given));
    if (!user) {
      request.credentialProblem = 'the token is not valid (revoked, expired or mistyped)';
      return { kind: 'anonymous' };
    }
    return { kind: 'user', id: user.id, username: user.username, role: user.role, via: 'token' };
  }
  const cookie = request.cookies?.[sessionCookie];
  if (cookie) {
    const user = await findSessionUser(app.deps.db, hashSecret(cookie));
    // An expired or revoked session is simply no session: the person logs in again.
    if (user) return { kind: 'user', id: user.id, username: user.username, role: user.role, via: 'session' };
  }
  return { kind: 'anonymous' };
}

/** A hook for routes only some roles may use: nobody → 401, another role → 403. */
export function requireRole(...allowed: TRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const role = roleOf(request.principal);
    if (role === 'anonymous') throw new AppError('unauthorized', request.credentialProblem ?? 'log in first');
    if (!allowed.includes(role)) throw new AppError('forbidden', `this needs the role ${allowed.join(' or ')}`);
  };
}
